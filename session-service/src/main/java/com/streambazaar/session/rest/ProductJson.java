package com.streambazaar.session.rest;

import com.streambazaar.session.repository.ProductCard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The catalog's Product as clients know it, served from this service's product read model: the same fields as
 * catalog-service's own answers ({@code stock} included, null when the seller does not track it).
 */
public record ProductJson(UUID id, String name, String description, BigDecimal price, BigDecimal originalPrice,
                          String category, boolean inStock, Integer stock, String imageUrl, long sellerId,
                          Instant createdAt, Instant updatedAt) {

    public static ProductJson of(ProductCard card) {
        if (card == null) {
            return null;
        }
        return new ProductJson(card.id, card.name, card.description, card.price, card.originalPrice, card.category,
                card.inStock, card.stock, card.imageUrl, card.sellerId, card.createdAt, card.updatedAt);
    }
}
