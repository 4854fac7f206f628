package com.streambazaar.analytics.repository;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

/** Conversions between our types and the reactive client's. */
final class Sql {

    private Sql() {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static Long longOrNull(Row row, String column) {
        return row.getLong(column);
    }

    static UUID[] uuids(Collection<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }

    static OffsetDateTime[] times(Collection<Instant> instants) {
        return instants.stream().map(Sql::time).toArray(OffsetDateTime[]::new);
    }
}
