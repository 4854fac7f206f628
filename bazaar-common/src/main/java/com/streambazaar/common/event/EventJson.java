package com.streambazaar.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes envelopes with the application's configured ObjectMapper (ISO dates, no nulls lost). */
@ApplicationScoped
public class EventJson {

    private final ObjectMapper mapper;

    public EventJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + envelope.type() + " cannot be serialized", e);
        }
    }

    /** @throws MalformedEventException when the record is not a valid envelope (a poison message) */
    public EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = mapper.readValue(json, EventEnvelope.class);
            if (envelope == null) {
                throw new MalformedEventException("empty event");
            }
            return envelope;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    /** Converts the envelope's data into the contract record of its type. */
    public <T> T data(EventEnvelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + envelope.eventId() + " has invalid data: " + e.getMessage());
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
