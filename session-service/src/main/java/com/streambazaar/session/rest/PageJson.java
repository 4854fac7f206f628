package com.streambazaar.session.rest;

import java.util.List;

/** The bare search page: {@code {data, total, limit, offset, hasMore}}. */
public record PageJson<T>(List<T> data, long total, int limit, int offset, boolean hasMore) {

    public static <T> PageJson<T> of(List<T> data, long total, Paging paging) {
        return new PageJson<>(data, total, paging.limit(), paging.offset(),
                (long) paging.offset() + data.size() < total);
    }
}
