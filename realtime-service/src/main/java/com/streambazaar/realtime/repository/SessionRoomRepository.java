package com.streambazaar.realtime.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The session_room read model, on the reactive client. */
@ApplicationScoped
public class SessionRoomRepository {

    /**
     * Order-safe upsert: a state older than the stored one changes nothing; a tombstone stays a tombstone (a deleted
     * session never comes back, whatever arrives later).
     */
    private static final String UPSERT = """
            insert into session_room (session_id, creator_id, status, product_ids, channel_name, updated_at, deleted_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (session_id) do update set creator_id = excluded.creator_id, status = excluded.status,
                product_ids = excluded.product_ids, channel_name = excluded.channel_name,
                updated_at = excluded.updated_at,
                deleted_at = coalesce(session_room.deleted_at, excluded.deleted_at)
            where session_room.updated_at <= excluded.updated_at or excluded.deleted_at is not null""";
    private static final String FIND = "select session_id, creator_id, status, product_ids, channel_name, updated_at, "
            + "deleted_at from session_room where session_id = $1";

    private final Pool pool;

    public SessionRoomRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> upsert(SqlClient client, SessionRoomRow row) {
        Tuple values = Tuple.tuple().addUUID(row.sessionId()).addLong(row.creatorId()).addString(row.status())
                .addArrayOfUUID(row.productIds().toArray(UUID[]::new)).addString(row.channelName())
                .addOffsetDateTime(row.updatedAt().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(row.deletedAt() == null ? null : row.deletedAt().atOffset(ZoneOffset.UTC));
        return client.preparedQuery(UPSERT).execute(values).replaceWithVoid();
    }

    /** The room, tombstones included; null when this service never heard of the session. */
    public Uni<SessionRoomRow> find(UUID sessionId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(sessionId)).map(SessionRoomRepository::first);
    }

    private static SessionRoomRow first(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        UUID[] products = row.getArrayOfUUIDs("product_ids");
        return new SessionRoomRow(row.getUUID("session_id"), row.getLong("creator_id"), row.getString("status"),
                products == null ? List.of() : Arrays.asList(products), row.getString("channel_name"),
                instant(row, "updated_at"), instant(row, "deleted_at"));
    }

    static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
