package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Viewer rows. A transaction locks the rows of the viewers it changes ({@link #lock}) before recomputing their views;
 * a viewer seen for the first time has no row to lock and is inserted at the end ({@link #insert}), which fails with
 * {@link ConcurrentViewerChange} (retried) should another transaction have created it meanwhile.
 */
@ApplicationScoped
public class SessionViewerRepository {

    private static final String COLUMNS = "session_id, viewer_id, user_id, username, stays, views, open_views, "
            + "closed_watch_ms, open_start_sum_ms, messages, reactions, clicks, engaged";

    /** Another transaction created or changed a viewer this one was about to create: the batch is tried again. */
    public static final class ConcurrentViewerChange extends RuntimeException {
        public ConcurrentViewerChange(String message) {
            super(message, null, false, false);
        }
    }

    private final Pool pool;

    public SessionViewerRepository(Pool pool) {
        this.pool = pool;
    }

    /** Locks the existing rows among the keys, in key order, and returns them. */
    public Uni<Map<ViewerKey, ViewerRow>> lock(SqlConnection connection, List<ViewerKey> sortedKeys) {
        if (sortedKeys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("select " + COLUMNS + " from session_viewer "
                        + "where (session_id, viewer_id) in (select * from unnest($1::uuid[], $2::text[])) "
                        + "order by session_id, viewer_id collate \"C\" for update")
                .execute(pairs(sortedKeys)).map(rows -> {
                    Map<ViewerKey, ViewerRow> viewers = new HashMap<>();
                    for (Row row : rows) {
                        ViewerRow viewer = read(row);
                        viewers.put(new ViewerKey(viewer.sessionId(), viewer.viewerId()), viewer);
                    }
                    return viewers;
                });
    }

    /** Creates the rows of viewers seen for the first time (sorted). */
    public Uni<Void> insert(SqlConnection connection, List<ViewerRow> viewers) {
        if (viewers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into session_viewer (" + COLUMNS + ") select * from unnest($1::uuid[], "
                        + "$2::text[], $3::int8[], $4::text[], $5::bytea[], $6::int4[], $7::int4[], $8::int8[], "
                        + "$9::int8[], $10::int4[], $11::int4[], $12::int4[], $13::bool[]) "
                        + "on conflict (session_id, viewer_id) do nothing")
                .execute(columns(viewers)).invoke(rows -> {
                    if (rows.rowCount() != viewers.size()) {
                        throw new ConcurrentViewerChange((viewers.size() - rows.rowCount())
                                + " viewer(s) were created by another transaction meanwhile");
                    }
                }).replaceWithVoid();
    }

    /** Writes rows this transaction locked. */
    public Uni<Void> update(SqlConnection connection, List<ViewerRow> viewers) {
        if (viewers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        update session_viewer v set user_id = u.user_id, username = u.username, stays = u.stays,
                            views = u.views, open_views = u.open_views, closed_watch_ms = u.closed_watch_ms,
                            open_start_sum_ms = u.open_start_sum_ms, messages = u.messages, reactions = u.reactions,
                            clicks = u.clicks, engaged = u.engaged
                        from unnest($1::uuid[], $2::text[], $3::int8[], $4::text[], $5::bytea[], $6::int4[], $7::int4[],
                                    $8::int8[], $9::int8[], $10::int4[], $11::int4[], $12::int4[], $13::bool[])
                             as u(session_id, viewer_id, user_id, username, stays, views, open_views, closed_watch_ms,
                                  open_start_sum_ms, messages, reactions, clicks, engaged)
                        where v.session_id = u.session_id and v.viewer_id = u.viewer_id""")
                .execute(columns(viewers)).replaceWithVoid();
    }

    private static Tuple columns(List<ViewerRow> viewers) {
        int n = viewers.size();
        UUID[] sessions = new UUID[n];
        String[] ids = new String[n];
        Long[] users = new Long[n];
        String[] names = new String[n];
        Buffer[] stays = new Buffer[n];
        Integer[] views = new Integer[n];
        Integer[] open = new Integer[n];
        Long[] closedWatch = new Long[n];
        Long[] openStarts = new Long[n];
        Integer[] messages = new Integer[n];
        Integer[] reactions = new Integer[n];
        Integer[] clicks = new Integer[n];
        Boolean[] engaged = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ViewerRow v = viewers.get(i);
            sessions[i] = v.sessionId();
            ids[i] = v.viewerId();
            users[i] = v.userId();
            names[i] = v.username();
            byte[] encoded = StayCodec.encode(v.stays());
            stays[i] = encoded == null ? null : Buffer.buffer(encoded);
            views[i] = v.views();
            open[i] = v.openViews();
            closedWatch[i] = v.closedWatchMs();
            openStarts[i] = v.openStartSumMs();
            messages[i] = v.messages();
            reactions[i] = v.reactions();
            clicks[i] = v.clicks();
            engaged[i] = v.engaged();
        }
        return Tuple.from(new Object[]{sessions, ids, users, names, stays, views, open, closedWatch, openStarts,
                messages, reactions, clicks, engaged});
    }

    /** Viewers watching now who are not engaged yet but whose watch time so far reaches the threshold. */
    public Uni<Map<UUID, Long>> engagedByOpenViews(Collection<UUID> sessionIds, long nowEpochMs, long thresholdMs) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                        select v.session_id, count(*) as n from session_viewer v
                        where (v.session_id, v.viewer_id) in (select distinct session_id, viewer_id from session_view
                                                               where session_id = any($1) and raw_end is null
                                                                 and end_at is null)
                          and not v.engaged and v.closed_watch_ms + v.open_views * $2::int8 - v.open_start_sum_ms >= $3
                        group by v.session_id""")
                .execute(Tuple.of(Sql.uuids(sessionIds), nowEpochMs, thresholdMs)).map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getUUID("session_id"), row.getLong("n")));
                    return counts;
                });
    }

    public Uni<Long> engagedByOpenViews(UUID sessionId, long nowEpochMs, long thresholdMs) {
        return engagedByOpenViews(List.of(sessionId), nowEpochMs, thresholdMs)
                .map(counts -> counts.getOrDefault(sessionId, 0L));
    }

    static Tuple pairs(Collection<ViewerKey> keys) {
        UUID[] sessions = new UUID[keys.size()];
        String[] viewers = new String[keys.size()];
        int i = 0;
        for (ViewerKey key : keys) {
            sessions[i] = key.sessionId();
            viewers[i++] = key.viewerId();
        }
        return Tuple.of(sessions, viewers);
    }

    static ViewerRow read(Row row) {
        UUID session = row.getUUID("session_id");
        String viewer = row.getString("viewer_id");
        Long userId = row.getLong("user_id");
        String username = row.getString("username");
        io.vertx.mutiny.core.buffer.Buffer stays = row.getBuffer("stays");
        return new ViewerRow(session, viewer, userId, username,
                StayCodec.decode(stays == null ? null : stays.getBytes(), session, viewer, userId, username),
                row.getInteger("views"), row.getInteger("open_views"), row.getLong("closed_watch_ms"),
                row.getLong("open_start_sum_ms"), row.getInteger("messages"), row.getInteger("reactions"),
                row.getInteger("clicks"), row.getBoolean("engaged"));
    }
}
