package com.streambazaar.catalog.rest;

import com.streambazaar.common.rest.ApiException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/products/{id}/stock/decrement. */
public record StockDecrementRequest(@Schema(minimum = "1", required = true) Integer quantity) {

    /** A whole number ≥ 1 (wrong JSON types, fractions and out-of-range numbers are refused by the mapper). */
    public int validQuantity() {
        if (quantity == null) {
            throw ApiException.badRequest("quantity", "quantity is required");
        }
        if (quantity < 1) {
            throw ApiException.badRequest("quantity", "quantity must be a whole number of at least 1");
        }
        return quantity;
    }
}
