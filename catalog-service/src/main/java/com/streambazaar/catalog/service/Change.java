package com.streambazaar.catalog.service;

/**
 * One field of a partial update that the client sent. A field the client left out is a {@code null}
 * {@code Change}; a field sent as JSON {@code null} is a {@code Change} holding {@code null} (it clears the field).
 */
public record Change<T>(T value) {

    public static <T> Change<T> to(T value) {
        return new Change<>(value);
    }
}
