package com.streambazaar.catalog.service;

import com.streambazaar.catalog.repository.Product;
import com.streambazaar.catalog.repository.ProductRepository;
import com.streambazaar.catalog.repository.ProductSearchCriteria;
import com.streambazaar.catalog.repository.ProductSort;
import com.streambazaar.common.rest.Page;
import com.streambazaar.common.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Public product search over every seller's products. */
@ApplicationScoped
public class ProductSearch {

    /**
     * What a search asks for; null filters do not filter.
     *
     * @param text        matched case-insensitively, as a substring (literally: LIKE wildcards are escaped)
     * @param categoryKey the normalised category key ({@link CategoryName#keyOf})
     */
    public record Query(String text, String categoryKey, Boolean inStock, BigDecimal minPrice, BigDecimal maxPrice,
                        ProductSort sort) {
    }

    /** Greater than every storable price (numeric(12,2)). */
    private static final BigDecimal ABOVE_ANY_PRICE = new BigDecimal("10000000000");

    private final ProductRepository products;

    public ProductSearch(ProductRepository products) {
        this.products = products;
    }

    @WithSession
    public Uni<Page<Product>> search(Query query, PageRequest page) {
        ProductSearchCriteria criteria = new ProductSearchCriteria(query.text(), query.categoryKey(), query.inStock(),
                storable(query.minPrice(), RoundingMode.CEILING), storable(query.maxPrice(), RoundingMode.FLOOR),
                query.sort(), page.limit(), page.offset());
        return products.search(criteria).map(found -> Page.of(found.products(), found.total(), page));
    }

    /**
     * Prices are stored with 2 decimals, so rounding a bound towards the inside (min up, max down) selects exactly
     * the same products, and keeps absurd inputs (1e-9999, 1e9999) within what Postgres numeric accepts.
     */
    static BigDecimal storable(BigDecimal bound, RoundingMode inwards) {
        if (bound == null) {
            return null;
        }
        return bound.min(ABOVE_ANY_PRICE).setScale(2, inwards);
    }
}
