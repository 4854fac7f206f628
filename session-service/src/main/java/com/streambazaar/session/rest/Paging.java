package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;

/** limit/offset query parameters: limit 1..100 (larger values are capped at 100), offset ≥ 0. */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static Paging of(String limit, String offset) {
        return of(limit, offset, DEFAULT_LIMIT);
    }

    public static Paging of(String limit, String offset, int defaultLimit) {
        int l = limit == null || limit.isBlank() ? defaultLimit : integer(limit, "limit");
        int o = offset == null || offset.isBlank() ? 0 : integer(offset, "offset");
        if (l < 1) {
            throw ApiException.badRequest("limit", "limit must be a positive integer");
        }
        if (o < 0) {
            throw ApiException.badRequest("offset", "offset must not be negative");
        }
        return new Paging(Math.min(l, MAX_LIMIT), o);
    }

    private static int integer(String value, String field) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + " must be an integer");
        }
    }
}
