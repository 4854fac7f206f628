package com.streambazaar.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Patch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads fields of a JSON request body with a clear 400 (naming the field) for every wrong type or value.
 * Bodies are read as trees so a partial update can tell an absent field from an explicit null.
 */
final class JsonFields {

    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    /** @throws ApiException 400 unless the body is a JSON object */
    static JsonFields of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest(null, "Request body is required (a JSON object)");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest(null, "Request body must be a JSON object");
        }
        return new JsonFields(body);
    }

    /** Like {@link #of} but a missing body counts as an empty object. */
    static JsonFields orEmpty(JsonNode body) {
        return body == null || body.isNull() || body.isMissingNode() ? new JsonFields(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()) : of(body);
    }

    boolean has(String field) {
        return body.has(field);
    }

    /** A trimmed string; blank becomes null; longer than {@code maxLength} is refused. */
    Patch<String> text(String field, int maxLength) {
        if (!body.has(field)) {
            return Patch.absent();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Patch.of(null);
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        String value = node.asText().trim();
        if (value.length() > maxLength) {
            throw ApiException.badRequest(field, field + " must be at most " + maxLength + " characters");
        }
        return Patch.of(value.isEmpty() ? null : value);
    }

    /** A required, non-blank string when present. */
    Patch<String> requiredText(String field, int maxLength) {
        Patch<String> value = text(field, maxLength);
        if (value.present() && value.value() == null) {
            throw ApiException.badRequest(field, field + " must not be empty");
        }
        return value;
    }

    Patch<Instant> instant(String field) {
        Patch<String> text = text(field, 64);
        if (!text.present() || text.value() == null) {
            return text.present() ? Patch.of(null) : Patch.absent();
        }
        try {
            return Patch.of(Instant.parse(text.value()));
        } catch (DateTimeParseException e) {
            try {
                return Patch.of(java.time.OffsetDateTime.parse(text.value()).toInstant());
            } catch (DateTimeParseException again) {
                throw ApiException.badRequest(field, field + " must be an ISO-8601 date-time, e.g. 2030-01-31T18:00:00Z");
            }
        }
    }

    /** An array of distinct, trimmed, non-empty strings (order kept). */
    Patch<List<String>> textList(String field, int maxItems, int maxLength) {
        if (!body.has(field)) {
            return Patch.absent();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Patch.of(List.of());
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field, field + " must be an array of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field, field + " must be an array of strings");
            }
            String value = item.asText().trim();
            if (value.isEmpty() || value.length() > maxLength) {
                throw ApiException.badRequest(field, "each of " + field + " must be 1-" + maxLength + " characters");
            }
            values.add(value);
        }
        if (values.size() > maxItems) {
            throw ApiException.badRequest(field, field + " may have at most " + maxItems + " entries");
        }
        return Patch.of(List.copyOf(values));
    }

    /** An array of distinct UUIDs (order kept). */
    Patch<List<UUID>> uuidList(String field, int maxItems) {
        if (!body.has(field)) {
            return Patch.absent();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Patch.of(List.of());
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field, field + " must be an array of product ids");
        }
        Set<UUID> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            values.add(uuidValue(field, item));
        }
        if (values.size() > maxItems) {
            throw ApiException.badRequest(field, field + " may have at most " + maxItems + " entries");
        }
        return Patch.of(new ArrayList<>(values));
    }

    /** A UUID or null. */
    Patch<UUID> uuid(String field) {
        if (!body.has(field)) {
            return Patch.absent();
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Patch.of(null);
        }
        try {
            return Patch.of(uuidValue(field, node));
        } catch (ApiException e) {
            throw ApiException.badRequest(field, field + " must be a UUID");
        }
    }

    Patch<Boolean> bool(String field) {
        if (!body.has(field)) {
            return Patch.absent();
        }
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field, field + " must be true or false");
        }
        return Patch.of(node.asBoolean());
    }

    Patch<Integer> integer(String field, int min, int max) {
        if (!body.has(field)) {
            return Patch.absent();
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw ApiException.badRequest(field, field + " must be an integer from " + min + " to " + max);
        }
        return Patch.of(node.asInt());
    }

    private static UUID uuidValue(String field, JsonNode item) {
        if (!item.isTextual() || item.asText().length() != 36) {
            throw ApiException.badRequest(field, field + " must contain product ids (UUIDs)");
        }
        try {
            return UUID.fromString(item.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " must contain product ids (UUIDs)");
        }
    }
}
