package com.streambazaar.realtime.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Chat settings and restrictions. Every replica reads them from here, so a change is effective everywhere at once. */
@ApplicationScoped
public class ModerationRepository {

    private static final String RESTRICTION_COLUMNS = "id, session_id, user_id, kind, until, reason, created_by, created_at";

    public Uni<ChatSettingsRow> settings(SqlClient client, UUID sessionId) {
        return client.preparedQuery("select slow_mode_seconds, guest_chat from chat_settings where session_id = $1")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return ChatSettingsRow.defaults(sessionId);
                    }
                    Row row = it.next();
                    return new ChatSettingsRow(sessionId, row.getInteger("slow_mode_seconds"), row.getBoolean("guest_chat"));
                });
    }

    public Uni<Void> saveSettings(SqlClient client, ChatSettingsRow settings, long by, Instant at) {
        return client.preparedQuery("""
                        insert into chat_settings (session_id, slow_mode_seconds, guest_chat, updated_by, updated_at)
                        values ($1, $2, $3, $4, $5)
                        on conflict (session_id) do update set slow_mode_seconds = excluded.slow_mode_seconds,
                            guest_chat = excluded.guest_chat, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .execute(Tuple.of(settings.sessionId(), settings.slowModeSeconds(), settings.guestChat(), by,
                        at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The user's restrictions in force at {@code now} (a ban first), possibly empty. */
    public Uni<List<ChatRestrictionRow>> active(SqlClient client, UUID sessionId, Long userId, Instant now) {
        String sql = "select " + RESTRICTION_COLUMNS + " from chat_restriction where session_id = $1 and lifted_at is null "
                + "and (until is null or until > $2)" + (userId != null ? " and user_id = $3" : "")
                + " order by until nulls first, created_at";
        Tuple values = Tuple.of(sessionId, now.atOffset(ZoneOffset.UTC));
        if (userId != null) {
            values.addLong(userId);
        }
        return client.preparedQuery(sql).execute(values).map(rows -> {
            List<ChatRestrictionRow> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new ChatRestrictionRow(row.getUUID("id"), row.getUUID("session_id"), row.getLong("user_id"),
                        row.getString("kind"), SessionRoomRepository.instant(row, "until"), row.getString("reason"),
                        row.getLong("created_by"), SessionRoomRepository.instant(row, "created_at")));
            }
            return list;
        });
    }

    public Uni<Void> insert(SqlClient client, ChatRestrictionRow row) {
        return client.preparedQuery("insert into chat_restriction (" + RESTRICTION_COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple().addUUID(row.id()).addUUID(row.sessionId()).addLong(row.userId())
                        .addString(row.kind())
                        .addOffsetDateTime(row.until() == null ? null : row.until().atOffset(ZoneOffset.UTC))
                        .addString(row.reason()).addLong(row.createdBy())
                        .addOffsetDateTime(row.createdAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Lifts every restriction of the user in the session; returns how many were in force. */
    public Uni<Integer> lift(SqlClient client, UUID sessionId, long userId, long by, Instant at) {
        return client.preparedQuery("update chat_restriction set lifted_at = $4, lifted_by = $3 where session_id = $1 "
                        + "and user_id = $2 and lifted_at is null and (until is null or until > $4)")
                .execute(Tuple.of(sessionId, userId, by, at.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
