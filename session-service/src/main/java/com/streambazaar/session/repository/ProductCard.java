package com.streambazaar.session.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Read model of a catalog product from {@code bazaar.products.v1}; {@code deleted} rows are tombstones. */
@Entity
@Table(name = "product_card")
public class ProductCard {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "name", nullable = false, length = 200)
    public String name;

    @Column(name = "description")
    public String description;

    @Column(name = "price", nullable = false, precision = 12, scale = 2)
    public BigDecimal price;

    @Column(name = "original_price", precision = 12, scale = 2)
    public BigDecimal originalPrice;

    @Column(name = "category", length = 100)
    public String category;

    @Column(name = "in_stock", nullable = false)
    public boolean inStock;

    @Column(name = "stock")
    public Integer stock;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(name = "seller_id", nullable = false)
    public long sellerId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted", nullable = false)
    public boolean deleted;

    @Column(name = "search_text", nullable = false)
    public String searchText;
}
