package com.streambazaar.common.rest;

/**
 * One field of a partial update: absent (the client left it out: leave as is) or present with a value, which may be
 * null (the client sent JSON null: clear it). Request readers build these from JSON trees.
 */
public record Patch<T>(boolean present, T value) {

    private static final Patch<?> ABSENT = new Patch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    public static <T> Patch<T> of(T value) {
        return new Patch<>(true, value);
    }

    public T orElse(T fallback) {
        return present ? value : fallback;
    }
}
