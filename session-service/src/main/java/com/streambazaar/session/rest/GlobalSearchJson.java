package com.streambazaar.session.rest;

import java.util.List;

/** {@code GET /api/search}: matching sessions and products, and how many of each are in the answer. */
public record GlobalSearchJson(List<SessionJson> sessions, List<ProductJson> products, Counts counts) {

    public record Counts(int sessions, int products) {
    }
}
