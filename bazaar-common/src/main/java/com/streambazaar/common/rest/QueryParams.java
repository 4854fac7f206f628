package com.streambazaar.common.rest;

import java.util.Locale;

/** Reads optional query parameters with a 400 naming the parameter for every malformed value. */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number within [min, max]; absent or blank → {@code fallback}. */
    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name, name + " must be a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false} (any case); absent or blank → null. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest(name, name + " must be true or false");
        };
    }

    /** Trimmed text, or null when absent or blank; longer than {@code maxLength} characters is a 400. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ApiException.badRequest(name, name + " must be at most " + maxLength + " characters");
        }
        return text;
    }
}
