package com.streambazaar.common.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * The one page shape of every searchable list (API.md "bare pages"): {@code {data, total, limit, offset, hasMore}}.
 * Envelope lists ({@code {success, message, data, count}}) use {@link ApiResponse#list} instead.
 */
@Schema(description = "A bare page: the items, how many match in all, the page asked for and whether more follow",
        requiredProperties = {"data", "total", "limit", "offset", "hasMore"})
public record Page<T>(List<T> data, @Schema(description = "Matches in all, not the size of data") long total,
                      int limit, int offset,
                      @Schema(description = "offset + the size of data < total: ask for the next page") boolean hasMore) {

    public static <T> Page<T> of(List<T> data, long total, PageRequest request) {
        return new Page<>(data, total, request.limit(), request.offset(), (long) request.offset() + data.size() < total);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), total, limit, offset, hasMore);
    }
}
