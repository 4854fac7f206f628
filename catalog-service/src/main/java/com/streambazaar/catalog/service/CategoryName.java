package com.streambazaar.catalog.service;

import java.util.Locale;

/**
 * A category as shown ({@code display}: trimmed, runs of whitespace collapsed to one space) and as matched
 * ({@code key}: the display form in lower case), so " Home  Decor" and "home decor" are one category.
 */
public record CategoryName(String display, String key) {

    /** @return the normalised category, or {@code null} when the text is null or blank */
    public static CategoryName of(String raw) {
        if (raw == null) {
            return null;
        }
        String display = raw.strip().replaceAll("\\s+", " ");
        if (display.isEmpty()) {
            return null;
        }
        return new CategoryName(display, display.toLowerCase(Locale.ROOT));
    }

    /** The matching key of a category typed by a client, or {@code null} when blank. */
    public static String keyOf(String raw) {
        CategoryName name = of(raw);
        return name == null ? null : name.key();
    }
}
