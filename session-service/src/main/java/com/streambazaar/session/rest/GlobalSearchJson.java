package com.streambazaar.session.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * {@code GET /api/search}: the first matching sessions and products, and how many of each match in all (as the
 * system we replace answered: the totals, not the sizes of the returned lists).
 */
@Schema(name = "GlobalSearchResult", requiredProperties = {"sessions", "products", "counts"})
public record GlobalSearchJson(List<SessionJson> sessions, List<ProductJson> products, Counts counts) {

    @Schema(name = "GlobalSearchCounts", description = "Total matches, not the sizes of the lists")
    public record Counts(long sessions, long products) {
    }
}
