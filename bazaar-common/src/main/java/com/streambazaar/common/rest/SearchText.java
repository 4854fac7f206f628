package com.streambazaar.common.rest;

import java.util.Locale;

/**
 * Free-text search typed by a user, matched as a case-insensitive "contains" with SQL {@code LIKE}/{@code ILIKE}
 * (served by trigram indexes): the user's {@code %}, {@code _} and {@code \} are matched literally, never as wildcards.
 * Use with {@code ... like :pattern escape '\'} (the default escape character of Postgres).
 */
public final class SearchText {

    private SearchText() {
    }

    /** {@code %text%} with LIKE's special characters escaped, lower-cased; null for null. */
    public static String containsPattern(String text) {
        return text == null ? null : "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
