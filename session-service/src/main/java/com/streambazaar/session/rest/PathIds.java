package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;

import java.util.UUID;

/** Parses ids from paths and query strings: a malformed id is a 400 naming the parameter, never a 500. */
final class PathIds {

    private PathIds() {
    }

    static UUID uuid(String value, String field) {
        try {
            if (value == null || value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " must be a UUID");
        }
    }

    static long userId(String value, String field) {
        try {
            long id = Long.parseLong(value.trim());
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.badRequest(field, field + " must be a positive integer");
        }
    }
}
