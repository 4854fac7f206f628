package com.streambazaar.catalog.rest;

import java.util.List;

/** A bare search page: {@code {data, total, limit, offset, hasMore}}. */
public record SearchPage(List<ProductView> data, long total, int limit, int offset, boolean hasMore) {
}
