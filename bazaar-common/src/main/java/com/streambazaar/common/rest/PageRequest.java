package com.streambazaar.common.rest;

/**
 * {@code limit} and {@code offset} query parameters, read by the same rules on every route that pages: both whole
 * numbers, {@code limit} from 1 to the route's maximum (default 20, at most 100 unless a route says otherwise),
 * {@code offset} from 0; anything else is a 400 naming the parameter. Answer with {@link Page}.
 */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(String limit, String offset) {
        return of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
    }

    public static PageRequest of(String limit, String offset, int defaultLimit, int maxLimit) {
        return new PageRequest(QueryParams.integer("limit", limit, defaultLimit, 1, maxLimit),
                QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE - maxLimit));
    }

    /** A first page of {@code limit} items (for routes that take only a limit). */
    public static PageRequest first(String limit, int defaultLimit, int maxLimit) {
        return new PageRequest(QueryParams.integer("limit", limit, defaultLimit, 1, maxLimit), 0);
    }
}
