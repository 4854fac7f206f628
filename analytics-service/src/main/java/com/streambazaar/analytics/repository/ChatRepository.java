package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which chat messages count (posted and not deleted), in either order of post and deletion. */
@ApplicationScoped
public class ChatRepository {

    /** A message as far as the figures care: where and when, and by whom. */
    public record CountedMessage(UUID messageId, UUID sessionId, String viewerId, Instant at) {
    }

    private final Pool pool;

    public ChatRepository(Pool pool) {
        this.pool = pool;
    }

    /** The authors of already stored messages (deletions must lock their author's row before taking them back). */
    public Uni<Map<UUID, CountedMessage>> find(SqlConnection connection, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("select message_id, session_id, viewer_id, at from chat_message "
                        + "where message_id = any($1) and at is not null and not deleted")
                .execute(Tuple.of(Sql.uuids(messageIds))).map(rows -> {
                    Map<UUID, CountedMessage> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getUUID("message_id"), read(row)));
                    return found;
                });
    }

    /** Stores posted messages; returns those that now count (not seen before, not deleted before they arrived). */
    public Uni<List<CountedMessage>> post(SqlConnection connection, List<CountedMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = messages.size();
        UUID[] ids = new UUID[n];
        UUID[] sessions = new UUID[n];
        String[] viewers = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ids[i] = messages.get(i).messageId();
            sessions[i] = messages.get(i).sessionId();
            viewers[i] = messages.get(i).viewerId();
            at[i] = Sql.time(messages.get(i).at());
        }
        return connection.preparedQuery("""
                        insert into chat_message (message_id, session_id, viewer_id, at)
                        select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[])
                        on conflict (message_id) do update set viewer_id = excluded.viewer_id, at = excluded.at
                            where chat_message.at is null
                        returning message_id, session_id, viewer_id, at, deleted""")
                .execute(Tuple.of(ids, sessions, viewers, at)).map(rows -> {
                    List<CountedMessage> counted = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("deleted")) {
                            counted.add(read(row));
                        }
                    }
                    return counted;
                });
    }

    /** Marks messages deleted; returns those that counted until now (a deletion seen first leaves a tombstone). */
    public Uni<List<CountedMessage>> delete(SqlConnection connection, List<UUID> messageIds, List<UUID> sessionIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery("""
                        insert into chat_message (message_id, session_id, deleted)
                        select m, s, true from unnest($1::uuid[], $2::uuid[]) as u(m, s)
                        on conflict (message_id) do update set deleted = true where not chat_message.deleted
                        returning message_id, session_id, viewer_id, at""")
                .execute(Tuple.of(Sql.uuids(messageIds), Sql.uuids(sessionIds))).map(rows -> {
                    List<CountedMessage> takenBack = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getOffsetDateTime("at") != null) {
                            takenBack.add(read(row));
                        }
                    }
                    return takenBack;
                });
    }

    /** Messages that count, per session, since the instant. */
    public Uni<Map<UUID, Long>> countSince(Collection<UUID> sessionIds, Instant since) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select session_id, count(*) as n from chat_message where session_id = any($1) "
                        + "and at > $2 and not deleted group by session_id")
                .execute(Tuple.of(Sql.uuids(sessionIds), Sql.time(since))).map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getUUID("session_id"), row.getLong("n")));
                    return counts;
                });
    }

    private static CountedMessage read(Row row) {
        return new CountedMessage(row.getUUID("message_id"), row.getUUID("session_id"), row.getString("viewer_id"),
                Sql.instant(row, "at"));
    }
}
