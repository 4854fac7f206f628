package com.streambazaar.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Events "from another service" for tests, built from the contract records in
 * {@code com.streambazaar.common.event.contract} and serialized the way the services serialize them, then checked
 * against the event's schema in {@code docs/events/} before use. A test that hand-writes a map would keep working
 * after the contract changed; one built here fails.
 */
public final class TestEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

    private TestEvents() {
    }

    /** A new event (fresh eventId, occurred now) with {@code data} taken from a contract record; schema-checked. */
    public static String envelope(String type, String source, String key, Object data) {
        return envelope(UUID.randomUUID(), Instant.now(), type, source, key, data);
    }

    /** An event with a chosen eventId and time (for redelivery and ordering tests); schema-checked. */
    public static String envelope(UUID eventId, Instant occurredAt, String type, String source, String key, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MILLIS).toString());
        envelope.put("source", source);
        envelope.put("key", key);
        envelope.put("data", data);
        JsonNode tree = MAPPER.valueToTree(envelope);
        EventSchemas.assertValid(tree);
        return tree.toString();
    }

    /** Builds the event and publishes it keyed by {@code key}, as the producing service would. */
    public static String publish(String topic, String type, String source, String key, Object data) {
        String envelope = envelope(type, source, key, data);
        EventProbe.publish(topic, key, envelope);
        return envelope;
    }
}
