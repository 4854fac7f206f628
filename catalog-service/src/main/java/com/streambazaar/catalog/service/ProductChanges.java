package com.streambazaar.catalog.service;

import com.streambazaar.common.rest.Patch;

import java.math.BigDecimal;

/**
 * Validated product fields from a create or a partial update; an absent {@link Patch} = not sent (unchanged).
 * Values are already normalised: money has scale 2, texts are trimmed, blank optional texts are {@code null}.
 */
public record ProductChanges(Patch<String> name, Patch<String> description, Patch<BigDecimal> price,
                             Patch<BigDecimal> originalPrice, Patch<CategoryName> category,
                             Patch<Boolean> inStock, Patch<Integer> stock, Patch<String> imageUrl) {
}
