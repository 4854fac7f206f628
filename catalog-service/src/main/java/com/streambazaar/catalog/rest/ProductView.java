package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.repository.Product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

/** A product as clients read it: bare JSON, money as numbers with two decimals, absent values as null. */
public record ProductView(UUID id, String name, String description, BigDecimal price, BigDecimal originalPrice,
                          String category, boolean inStock, Integer stock, String imageUrl, long sellerId,
                          Instant createdAt, Instant updatedAt) {

    public static ProductView of(Product p) {
        return new ProductView(p.id, p.name, p.description, money(p.price), money(p.originalPrice), p.category,
                p.inStock, p.stock, p.imageUrl, p.sellerId, p.createdAt, p.updatedAt);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
