package com.streambazaar.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /api/products/{id}/stock/decrement, for the OpenAPI document. */
public record StockDecrementRequest(@Schema(minimum = "1", required = true) Integer quantity) {
}
