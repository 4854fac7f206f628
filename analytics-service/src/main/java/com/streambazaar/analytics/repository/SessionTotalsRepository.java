package com.streambazaar.analytics.repository;

import com.streambazaar.analytics.service.ConcurrencySweep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;

/** Session totals: increments at ingest (sessions sorted), reads for the figures. */
@ApplicationScoped
public class SessionTotalsRepository {

    /** Order of the delta columns. */
    public static final int VIEWS = 0, OPEN_VIEWS = 1, CLOSED_WATCH = 2, OPEN_START_SUM = 3, UNIQUE = 4, SIGNED_IN = 5,
            ENGAGED = 6, CLICKERS = 7, MESSAGES = 8, REACTIONS = 9, CLICKS = 10, COLUMNS = 11;

    private static final String SELECT = "select session_id, views, open_views, closed_watch_ms, open_start_sum_ms, "
            + "unique_viewers, signed_in_viewers, engaged_viewers, unique_clickers, messages, reactions, clicks, peak, "
            + "peak_at from session_totals";

    private final Pool pool;

    public SessionTotalsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> add(SqlConnection connection, NavigableMap<UUID, long[]> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = deltas.size();
        UUID[] sessions = new UUID[n];
        Long[][] columns = new Long[COLUMNS][n];
        int i = 0;
        for (Map.Entry<UUID, long[]> entry : deltas.entrySet()) {
            sessions[i] = entry.getKey();
            for (int c = 0; c < COLUMNS; c++) {
                columns[c][i] = entry.getValue()[c];
            }
            i++;
        }
        Object[] parameters = new Object[COLUMNS + 1];
        parameters[0] = sessions;
        System.arraycopy(columns, 0, parameters, 1, COLUMNS);
        return connection.preparedQuery("""
                        insert into session_totals (session_id, views, open_views, closed_watch_ms, open_start_sum_ms,
                            unique_viewers, signed_in_viewers, engaged_viewers, unique_clickers, messages, reactions, clicks)
                        select * from unnest($1::uuid[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::int8[],
                                             $7::int8[], $8::int8[], $9::int8[], $10::int8[], $11::int8[], $12::int8[])
                        on conflict (session_id) do update set views = session_totals.views + excluded.views,
                            open_views = session_totals.open_views + excluded.open_views,
                            closed_watch_ms = session_totals.closed_watch_ms + excluded.closed_watch_ms,
                            open_start_sum_ms = session_totals.open_start_sum_ms + excluded.open_start_sum_ms,
                            unique_viewers = session_totals.unique_viewers + excluded.unique_viewers,
                            signed_in_viewers = session_totals.signed_in_viewers + excluded.signed_in_viewers,
                            engaged_viewers = session_totals.engaged_viewers + excluded.engaged_viewers,
                            unique_clickers = session_totals.unique_clickers + excluded.unique_clickers,
                            messages = session_totals.messages + excluded.messages,
                            reactions = session_totals.reactions + excluded.reactions,
                            clicks = session_totals.clicks + excluded.clicks""")
                .execute(Tuple.from(parameters)).replaceWithVoid();
    }

    /** Stores recomputed peaks of sessions whose totals row this transaction already wrote (and so holds). */
    public Uni<Void> savePeaks(SqlConnection connection, Map<UUID, ConcurrencySweep.Peak> peaks) {
        if (peaks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = peaks.size();
        UUID[] sessions = new UUID[n];
        Integer[] values = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<UUID, ConcurrencySweep.Peak> entry : peaks.entrySet()) {
            sessions[i] = entry.getKey();
            values[i] = entry.getValue().viewers();
            at[i] = Sql.time(entry.getValue().at());
            i++;
        }
        return connection.preparedQuery("""
                        insert into session_totals (session_id, peak, peak_at)
                        select * from unnest($1::uuid[], $2::int4[], $3::timestamptz[])
                        on conflict (session_id) do update set peak = excluded.peak, peak_at = excluded.peak_at""")
                .execute(Tuple.of(sessions, values, at)).replaceWithVoid();
    }

    public Uni<SessionTotals> find(UUID sessionId) {
        return pool.preparedQuery(SELECT + " where session_id = $1").execute(Tuple.of(sessionId))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : SessionTotals.empty(sessionId));
    }

    public Uni<Map<UUID, SessionTotals>> findAll(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(SELECT + " where session_id = any($1)").execute(Tuple.of(Sql.uuids(sessionIds)))
                .map(rows -> {
                    Map<UUID, SessionTotals> totals = new HashMap<>();
                    rows.forEach(row -> totals.put(row.getUUID("session_id"), read(row)));
                    return totals;
                });
    }

    private static SessionTotals read(Row row) {
        return new SessionTotals(row.getUUID("session_id"), row.getLong("views"), row.getLong("open_views"),
                row.getLong("closed_watch_ms"), row.getLong("open_start_sum_ms"), row.getLong("unique_viewers"),
                row.getLong("signed_in_viewers"), row.getLong("engaged_viewers"), row.getLong("unique_clickers"),
                row.getLong("messages"), row.getLong("reactions"), row.getLong("clicks"), row.getInteger("peak"),
                Sql.instant(row, "peak_at"));
    }
}
