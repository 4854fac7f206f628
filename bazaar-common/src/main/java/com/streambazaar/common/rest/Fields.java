package com.streambazaar.common.rest;

/**
 * The rules every free-text field of a request body follows, so one service never accepts what another refuses:
 * trimmed; control characters removed (tab and line breaks kept: descriptions have paragraphs), NUL included, which
 * Postgres could not store; blank is "no value"; longer than the field's limit (in characters) is a 400 naming the
 * field.
 */
public final class Fields {

    private Fields() {
    }

    /** The cleaned text, or null when absent or blank. */
    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String text = withoutControlCharacters(value).strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ApiException.badRequest(field, field + " must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** The cleaned text; absent or blank is a 400. */
    public static String requiredText(String field, String value, int maxLength) {
        String text = text(field, value, maxLength);
        if (text == null) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return text;
    }

    /** A partial update of an optional text: absent stays absent, null or blank clears it. */
    public static Patch<String> text(String field, Patch<String> value, int maxLength) {
        return value.present() ? Patch.of(text(field, value.value(), maxLength)) : value;
    }

    /** A partial update of a required text: absent stays absent, but null or blank is a 400. */
    public static Patch<String> requiredText(String field, Patch<String> value, int maxLength) {
        if (!value.present()) {
            return value;
        }
        String text = text(field, value.value(), maxLength);
        if (text == null) {
            throw ApiException.badRequest(field, field + " must not be empty");
        }
        return Patch.of(text);
    }

    /** The value; null is a 400 ("<field> is required"). */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return value;
    }

    /** The request body; a missing one is a 400. */
    public static <T> T body(T body) {
        if (body == null) {
            throw ApiException.badRequest(null, "Request body is required (a JSON object)");
        }
        return body;
    }

    static String withoutControlCharacters(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
            if (control && clean == null) {
                clean = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!control && clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? value : clean.toString();
    }
}
