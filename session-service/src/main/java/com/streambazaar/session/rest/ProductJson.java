package com.streambazaar.session.rest;

import com.streambazaar.common.event.contract.ProductState;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The catalog's Product as clients know it, served from this service's product read model: the same fields as
 * catalog-service's own answers ({@code stock} included, null when the seller does not track it).
 */
@Schema(name = "Product", requiredProperties = {"id", "name", "description", "price", "originalPrice", "category",
        "inStock", "stock", "imageUrl", "sellerId", "createdAt", "updatedAt"})
public record ProductJson(UUID id, @Schema(examples = "Linen jacket") String name,
                          @Schema(nullable = true) String description,
                          @Schema(examples = "89.90", description = "Two decimals, ≥ 0") BigDecimal price,
                          @Schema(nullable = true, examples = "120.00") BigDecimal originalPrice,
                          @Schema(nullable = true, examples = "Fashion") String category, boolean inStock,
                          @Schema(nullable = true, description = "Tracked quantity, or null when not tracked")
                          Integer stock,
                          @Schema(nullable = true, format = "uri") String imageUrl,
                          @Schema(examples = "42", description = "The seller's user id") long sellerId,
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
