package com.streambazaar.catalog.repository;

import java.math.BigDecimal;

/**
 * A validated product search. Absent filters are {@code null}.
 *
 * @param text        free text matched (case-insensitively, as a substring) in name, description and category
 * @param categoryKey the normalised category key to match exactly
 */
public record ProductSearchCriteria(String text, String categoryKey, Boolean inStock, BigDecimal minPrice,
                                    BigDecimal maxPrice, ProductSort sort, int limit, int offset) {
}
