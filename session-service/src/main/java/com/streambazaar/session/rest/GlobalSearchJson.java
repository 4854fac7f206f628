package com.streambazaar.session.rest;

import java.util.List;

/**
 * {@code GET /api/search}: the first matching sessions and products, and how many of each match in all (as the
 * system we replace answered: the totals, not the sizes of the returned lists).
 */
public record GlobalSearchJson(List<SessionJson> sessions, List<ProductJson> products, Counts counts) {

    public record Counts(long sessions, long products) {
    }
}
