package com.streambazaar.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.MalformedEventException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads the few fields ingest needs straight from an event's data (tens of thousands of events a second: binding
 * each to its contract record costs more than everything else ingest does in the JVM). Anything unexpected is a
 * malformed event.
 */
final class EventFields {

    private EventFields() {
    }

    static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedEventException(field + " must be a string");
        }
        return value.textValue();
    }

    static UUID uuid(JsonNode data, String field) {
        String text = text(data, field);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(field + " must be a UUID");
        }
    }

    static Long longOrNull(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral()) {
            throw new MalformedEventException(field + " must be an integer");
        }
        return value.longValue();
    }

    /** An ISO-8601 instant, at millisecond precision. */
    static Instant instant(JsonNode data, String field) {
        String text = text(data, field);
        return text == null ? null : parseInstant(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} directly; any other ISO form through {@link Instant#parse}. */
    static Instant parseInstant(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z') {
            try {
                int year = digits(text, 0, 4);
                int month = digits(text, 5, 7);
                int day = digits(text, 8, 10);
                int hour = digits(text, 11, 13);
                int minute = digits(text, 14, 16);
                int second = digits(text, 17, 19);
                int millis = 0;
                if (n > 20) {
                    if (text.charAt(19) != '.' || n == 21) {
                        return slow(text);
                    }
                    int scale = 100;
                    for (int i = 20; i < n - 1; i++) {
                        int digit = text.charAt(i) - '0';
                        if (digit < 0 || digit > 9) {
                            return slow(text);
                        }
                        millis += digit * scale;
                        scale /= 10;
                    }
                }
                if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
                    return slow(text);
                }
                long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, millis * 1_000_000L);
            } catch (NumberFormatException | DateTimeException e) {
                return slow(text);
            }
        }
        return slow(text);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException(text);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static Instant slow(String text) {
        try {
            return Instant.parse(text).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (DateTimeException e) {
            throw new MalformedEventException("not an ISO-8601 instant: " + text);
        }
    }
}
