package com.streambazaar.catalog.repository;

import java.util.Arrays;
import java.util.Optional;

/** The search sorts clients ask for ({@code sortBy}); every order ends on the id so pages never overlap. */
public enum ProductSort {
    NEWEST("newest", "created_at desc, id desc"),
    OLDEST("oldest", "created_at asc, id asc"),
    PRICE_ASC("price-asc", "price asc, created_at desc, id desc"),
    PRICE_DESC("price-desc", "price desc, created_at desc, id desc"),
    NAME("name", "lower(name) asc, id asc");

    private final String wireName;
    private final String orderBy;

    ProductSort(String wireName, String orderBy) {
        this.wireName = wireName;
        this.orderBy = orderBy;
    }

    public String wireName() {
        return wireName;
    }

    String orderBy() {
        return orderBy;
    }

    public static Optional<ProductSort> fromWire(String value) {
        return Arrays.stream(values()).filter(sort -> sort.wireName.equals(value)).findFirst();
    }
}
