package com.streambazaar.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * The body of POST and PUT /api/products, for the OpenAPI document. Bodies are read field by field by
 * {@link ProductRequestReader}, which tells a field left out (unchanged) from a field sent as null (cleared).
 */
@Schema(name = "ProductRequest", description = "POST needs name and price; PUT changes only the fields sent, "
        + "and null clears description, originalPrice, category, stock and imageUrl.")
public record ProductRequest(
        @Schema(minLength = 1, maxLength = 200) String name,
        @Schema(nullable = true, maxLength = 5000) String description,
        @Schema(minimum = "0", description = "At most 2 decimals; a JSON number or a numeric string") BigDecimal price,
        @Schema(nullable = true, minimum = "0") BigDecimal originalPrice,
        @Schema(nullable = true, maxLength = 100, description = "Trimmed; matched case-insensitively") String category,
        @Schema(description = "Defaults to true (false when stock is 0)") Boolean inStock,
        @Schema(nullable = true, minimum = "0", description = "Optional quantity; 0 makes the product sold out") Integer stock,
        @Schema(nullable = true, format = "uri", description = "Absolute http(s) URL") String imageUrl) {
}
