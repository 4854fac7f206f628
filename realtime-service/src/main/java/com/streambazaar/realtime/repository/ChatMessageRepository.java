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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Chat history of rooms (deleted messages stay stored, hidden). Ids are UUIDv7: ORDER BY id is time order. */
@ApplicationScoped
public class ChatMessageRepository {

    private static final String COLUMNS = "id, session_id, user_id, username, author_role, guest_name, viewer_id, "
            + "message, created_at";
    private static final String INSERT = "insert into chat_message (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private final Pool pool;

    public ChatMessageRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, ChatMessageRow row) {
        Tuple values = Tuple.tuple().addUUID(row.id()).addUUID(row.sessionId()).addLong(row.userId())
                .addString(row.username()).addString(row.authorRole()).addString(row.guestName())
                .addString(row.viewerId()).addString(row.message()).addOffsetDateTime(row.createdAt().atOffset(ZoneOffset.UTC));
        return client.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    /** Up to {@code limit} visible messages before the cursor (an id, or an instant), oldest first. */
    public Uni<List<ChatMessageRow>> before(UUID sessionId, UUID beforeId, Instant beforeTime, int limit) {
        String sql = "select " + COLUMNS + " from chat_message where session_id = $1 and deleted_at is null"
                + (beforeId != null ? " and id < $3" : beforeTime != null ? " and created_at < $3" : "")
                + " order by id desc limit $2";
        Tuple values = Tuple.of(sessionId, limit);
        if (beforeId != null) {
            values.addUUID(beforeId);
        } else if (beforeTime != null) {
            values.addOffsetDateTime(beforeTime.atOffset(ZoneOffset.UTC));
        }
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            List<ChatMessageRow> list = rowsOf(rows);
            Collections.reverse(list);
            return list;
        });
    }

    /** Up to {@code limit} visible messages after the given id, oldest first (a /ws client resuming). */
    public Uni<List<ChatMessageRow>> after(UUID sessionId, UUID afterId, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from chat_message where session_id = $1 and deleted_at is null"
                        + " and id > $2 order by id limit $3")
                .execute(Tuple.of(sessionId, afterId, limit)).map(ChatMessageRepository::rowsOf);
    }

    public Uni<Long> count(UUID sessionId) {
        return pool.preparedQuery("select count(*) from chat_message where session_id = $1 and deleted_at is null")
                .execute(Tuple.of(sessionId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** The visible message, or null. */
    public Uni<ChatMessageRow> find(SqlClient client, UUID sessionId, UUID messageId) {
        return client.preparedQuery("select " + COLUMNS + " from chat_message where session_id = $1 and id = $2 "
                        + "and deleted_at is null for update")
                .execute(Tuple.of(sessionId, messageId)).map(rows -> {
                    List<ChatMessageRow> list = rowsOf(rows);
                    return list.isEmpty() ? null : list.get(0);
                });
    }

    public Uni<Void> markDeleted(SqlClient client, UUID messageId, long deletedBy, Instant at) {
        return client.preparedQuery("update chat_message set deleted_at = $3, deleted_by = $2 where id = $1")
                .execute(Tuple.of(messageId, deletedBy, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** When this author last posted in the session (slow mode), or null. */
    public Uni<Instant> lastPostedAt(SqlClient client, UUID sessionId, String viewerId) {
        return client.preparedQuery("select max(created_at) from chat_message where session_id = $1 and viewer_id = $2")
                .execute(Tuple.of(sessionId, viewerId)).map(rows -> SessionRoomRepository.instant(rows.iterator().next(), "max"));
    }

    private static List<ChatMessageRow> rowsOf(RowSet<Row> rows) {
        List<ChatMessageRow> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(new ChatMessageRow(row.getUUID("id"), row.getUUID("session_id"), row.getLong("user_id"),
                    row.getString("username"), row.getString("author_role"), row.getString("guest_name"),
                    row.getString("viewer_id"), row.getString("message"), SessionRoomRepository.instant(row, "created_at")));
        }
        return list;
    }
}
