package com.streambazaar.common.rest;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parses ids from paths and queries; a malformed id is the client's mistake (400), never a 500. */
public final class PathIds {

    // UUID.fromString also accepts short forms such as "1-2-3-4-5"; clients must send the canonical form
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private PathIds() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            throw ApiException.badRequest(field, field + " must be a UUID");
        }
        return UUID.fromString(value);
    }

    public static long userId(String field, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw ApiException.badRequest(field, field + " must be a positive integer");
    }
}
