package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.config.CatalogConfig;
import com.streambazaar.catalog.repository.ProductSearchCriteria;
import com.streambazaar.catalog.repository.ProductSort;
import com.streambazaar.catalog.service.CategoryName;
import com.streambazaar.common.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns the query string of GET /api/search/products into a validated search, or a 400 naming the parameter. */
@ApplicationScoped
public class SearchParameters {

    private static final String SORTS = Arrays.stream(ProductSort.values()).map(ProductSort::wireName)
            .collect(Collectors.joining(", "));

    /** Greater than every storable price (numeric(12,2)). */
    private static final BigDecimal ABOVE_ANY_PRICE = new BigDecimal("10000000000");

    private final CatalogConfig.Search config;

    public SearchParameters(CatalogConfig config) {
        this.config = config.search();
    }

    public ProductSearchCriteria read(String q, String category, String inStock, String minPrice, String maxPrice,
                                      String sortBy, String limit, String offset) {
        String text = blankToNull(q);
        if (text != null && text.codePointCount(0, text.length()) > config.maxQueryLength()) {
            throw ApiException.badRequest("q", "q must be at most " + config.maxQueryLength() + " characters");
        }
        BigDecimal min = price("minPrice", minPrice);
        BigDecimal max = price("maxPrice", maxPrice);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw ApiException.badRequest("minPrice", "minPrice must not be greater than maxPrice");
        }
        String sortName = blankToNull(sortBy);
        ProductSort sort = sortName == null ? ProductSort.NEWEST : ProductSort.fromWire(sortName.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiException.badRequest("sortBy", "sortBy must be one of: " + SORTS));
        int pageSize = integer("limit", limit, config.defaultLimit());
        if (pageSize < 1 || pageSize > config.maxLimit()) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + config.maxLimit());
        }
        int skip = integer("offset", offset, 0);
        if (skip < 0) {
            throw ApiException.badRequest("offset", "offset must be 0 or more");
        }
        return new ProductSearchCriteria(text, CategoryName.keyOf(category), bool("inStock", inStock),
                storable(min, RoundingMode.CEILING), storable(max, RoundingMode.FLOOR), sort, pageSize, skip);
    }

    /**
     * Prices are stored with 2 decimals, so rounding a bound towards the inside (min up, max down) selects exactly
     * the same products, and keeps absurd inputs (1e-9999, 1e9999) within what Postgres numeric accepts.
     */
    private static BigDecimal storable(BigDecimal bound, RoundingMode inwards) {
        if (bound == null) {
            return null;
        }
        BigDecimal capped = bound.min(ABOVE_ANY_PRICE);
        return capped.setScale(2, inwards);
    }

    private static BigDecimal price(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        BigDecimal price;
        try {
            price = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, name + " must be a number");
        }
        if (price.signum() < 0) {
            throw ApiException.badRequest(name, name + " must be 0 or more");
        }
        return price;
    }

    private static int integer(String name, String value, int fallback) {
        String text = blankToNull(value);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, name + " must be a whole number");
        }
    }

    private static Boolean bool(String name, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest(name, name + " must be true or false");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
