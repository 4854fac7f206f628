package com.streambazaar.session.repository;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link SessionStatus} by its wire name, as the schema's check constraint expects. */
@Converter(autoApply = true)
public class SessionStatusColumn implements AttributeConverter<SessionStatus, String> {

    @Override
    public String convertToDatabaseColumn(SessionStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public SessionStatus convertToEntityAttribute(String value) {
        return value == null ? null : SessionStatus.fromWire(value)
                .orElseThrow(() -> new IllegalStateException("Unknown session status in the database: " + value));
    }
}
