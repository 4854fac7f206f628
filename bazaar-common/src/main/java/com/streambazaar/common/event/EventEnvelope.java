package com.streambazaar.common.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every Stream Bazaar event travels in (ARCHITECTURE.md "Events").
 *
 * @param eventId    unique per event; consumers dedupe on it
 * @param type       what happened, e.g. {@code user.registered}
 * @param version    version of the {@code data} schema for this type
 * @param occurredAt when the state change happened (UTC)
 * @param source     the service that produced the event
 * @param key        the aggregate id; also the Kafka record key, so one aggregate stays in order
 * @param data       the event payload, one of the records in {@code com.streambazaar.common.event.contract}
 */
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String source, String key,
                            JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(key, "key");
    }
}
