package com.streambazaar.session.rest;

import com.streambazaar.common.event.contract.ProductState;

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

    public static ProductJson of(ProductState product) {
        if (product == null) {
            return null;
        }
        return new ProductJson(product.id(), product.name(), product.description(), product.price(),
                product.originalPrice(), product.category(), product.inStock(), product.stock(), product.imageUrl(),
                product.sellerId(), product.createdAt(), product.updatedAt());
    }
}
