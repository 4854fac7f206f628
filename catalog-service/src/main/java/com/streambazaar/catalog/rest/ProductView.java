package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.repository.Product;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

/** A product as clients read it: bare JSON, money as numbers with two decimals, absent values as null. */
@Schema(name = "Product", requiredProperties = {"id", "name", "description", "price", "originalPrice", "category",
        "inStock", "stock", "imageUrl", "sellerId", "createdAt", "updatedAt"})
public record ProductView(UUID id, @Schema(examples = "Linen jacket") String name,
                          @Schema(nullable = true) String description,
                          @Schema(examples = "89.90", description = "Two decimals, ≥ 0") BigDecimal price,
                          @Schema(nullable = true, examples = "120.00") BigDecimal originalPrice,
                          @Schema(nullable = true, examples = "Fashion") String category, boolean inStock,
                          @Schema(nullable = true, description = "Tracked quantity, or null when not tracked")
                          Integer stock,
                          @Schema(nullable = true, format = "uri") String imageUrl,
                          @Schema(examples = "42", description = "The seller's user id") long sellerId,
                          Instant createdAt, Instant updatedAt) {

    public static ProductView of(Product p) {
        return new ProductView(p.id, p.name, p.description, money(p.price), money(p.originalPrice), p.category,
                p.inStock, p.stock, p.imageUrl, p.sellerId, p.createdAt, p.updatedAt);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
