package com.streambazaar.catalog.repository;

import com.streambazaar.common.rest.SearchText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a product search, with named parameters. The text filter is an {@code ILIKE} on exactly the expression
 * of the trigram index {@code product_search_trgm_idx} (migration V1), so Postgres answers it from the index
 * instead of scanning the table; change both together.
 */
public final class ProductSearchSql {

    /** Must stay identical to the indexed expression of {@code product_search_trgm_idx}. */
    public static final String SEARCH_TEXT =
            "lower(name || ' ' || coalesce(description, '') || ' ' || coalesce(category, ''))";

    private final String where;
    private final Map<String, Object> filterParameters;
    private final ProductSearchCriteria criteria;

    private ProductSearchSql(String where, Map<String, Object> filterParameters, ProductSearchCriteria criteria) {
        this.where = where;
        this.filterParameters = filterParameters;
        this.criteria = criteria;
    }

    public static ProductSearchSql of(ProductSearchCriteria criteria) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        // a deactivated seller's products are kept but never found; a plain filter, so the index plan stays
        conditions.add("seller_active");
        if (criteria.text() != null) {
            conditions.add(SEARCH_TEXT + " ilike :pattern");
            parameters.put("pattern", SearchText.containsPattern(criteria.text()));
        }
        if (criteria.categoryKey() != null) {
            conditions.add("category_key = :categoryKey");
            parameters.put("categoryKey", criteria.categoryKey());
        }
        if (criteria.inStock() != null) {
            conditions.add("in_stock = :inStock");
            parameters.put("inStock", criteria.inStock());
        }
        if (criteria.minPrice() != null) {
            conditions.add("price >= :minPrice");
            parameters.put("minPrice", criteria.minPrice());
        }
        if (criteria.maxPrice() != null) {
            conditions.add("price <= :maxPrice");
            parameters.put("maxPrice", criteria.maxPrice());
        }
        String where = " where " + String.join(" and ", conditions);
        return new ProductSearchSql(where, parameters, criteria);
    }

    /** One page of matching products, in the requested order. */
    public String pageQuery() {
        return "select * from product" + where + " order by " + criteria.sort().orderBy()
                + " limit :limit offset :offset";
    }

    public Map<String, Object> pageParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>(filterParameters);
        parameters.put("limit", criteria.limit());
        parameters.put("offset", criteria.offset());
        return parameters;
    }

    /** How many products match, ignoring paging. */
    public String countQuery() {
        return "select count(*) from product" + where;
    }

    public Map<String, Object> countParameters() {
        return filterParameters;
    }
}
