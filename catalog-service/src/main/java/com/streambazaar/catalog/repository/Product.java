package com.streambazaar.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A product a creator sells. Money is {@code numeric(12,2)}, never floating point. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    public UUID id;

    @Column(name = "name", nullable = false, length = 200)
    public String name;

    @Column(name = "description", columnDefinition = "text")
    public String description;

    @Column(name = "price", nullable = false, precision = 12, scale = 2)
    public BigDecimal price;

    @Column(name = "original_price", precision = 12, scale = 2)
    public BigDecimal originalPrice;

    /** Display form: trimmed, inner whitespace collapsed. */
    @Column(name = "category", length = 100)
    public String category;

    /** Matching key of {@link #category}: its lower-case form. */
    @Column(name = "category_key", length = 100)
    public String categoryKey;

    @Column(name = "in_stock", nullable = false)
    public boolean inStock;

    /** Quantity left; {@code null} when the seller does not track stock. */
    @Column(name = "stock")
    public Integer stock;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(name = "seller_id", nullable = false, updatable = false)
    public long sellerId;

    /**
     * False while the seller is deactivated: the product is out of every catalog read, but kept. Set from the seller
     * read model, never by clients.
     */
    @Column(name = "seller_active", nullable = false)
    public boolean sellerActive = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
