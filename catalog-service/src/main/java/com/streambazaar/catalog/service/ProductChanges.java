package com.streambazaar.catalog.service;

import java.math.BigDecimal;

/**
 * Validated product fields from a create or a partial update; {@code null} = not sent (unchanged).
 * Values are already normalised: money has scale 2, texts are trimmed, blank optional texts are {@code null}.
 */
public record ProductChanges(Change<String> name, Change<String> description, Change<BigDecimal> price,
                             Change<BigDecimal> originalPrice, Change<CategoryName> category,
                             Change<Boolean> inStock, Change<Integer> stock, Change<String> imageUrl) {
}
