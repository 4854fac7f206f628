package com.streambazaar.analytics.repository;

import com.streambazaar.analytics.service.ConcurrencySweep;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Views: written by the transaction holding their viewer's row (derived from the viewer's stays, never read back
 * for that), read by the figures.
 */
@ApplicationScoped
public class ViewRepository {

    static final String COLUMNS = "session_id, viewer_id, view_id, user_id, username, joined_at, raw_end, start_at, "
            + "end_at, watch_ms, stays, replicas";

    private final Pool pool;

    public ViewRepository(Pool pool) {
        this.pool = pool;
    }

    // ---- writes ----

    public Uni<Void> save(SqlConnection connection, List<ViewRow> views) {
        if (views.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = views.size();
        UUID[] sessions = new UUID[n];
        String[] viewers = new String[n];
        UUID[] ids = new UUID[n];
        Long[] users = new Long[n];
        String[] names = new String[n];
        OffsetDateTime[] joined = new OffsetDateTime[n];
        OffsetDateTime[] rawEnds = new OffsetDateTime[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Long[] watch = new Long[n];
        Integer[] stays = new Integer[n];
        String[] replicas = new String[n];
        for (int i = 0; i < n; i++) {
            ViewRow v = views.get(i);
            sessions[i] = v.sessionId();
            viewers[i] = v.viewerId();
            ids[i] = v.viewId();
            users[i] = v.userId();
            names[i] = v.username();
            joined[i] = Sql.time(v.joinedAt());
            rawEnds[i] = Sql.time(v.rawEnd());
            starts[i] = Sql.time(v.startAt());
            ends[i] = Sql.time(v.endAt());
            watch[i] = v.watchMs();
            stays[i] = v.stays();
            // one text per row (unnest would flatten an array of arrays): the replicas joined by a separator
            replicas[i] = v.replicas() == null || v.replicas().isEmpty() ? null : String.join("\u001f", v.replicas());
        }
        return connection.preparedQuery("""
                        insert into session_view (session_id, viewer_id, view_id, user_id, username, joined_at, raw_end,
                                                  start_at, end_at, watch_ms, stays, replicas)
                        select s, v, id, u, n, j, r, st, e, w, c, string_to_array(rp, E'\\x1f')
                        from unnest($1::uuid[], $2::text[], $3::uuid[], $4::int8[], $5::text[], $6::timestamptz[],
                                    $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::int8[], $11::int4[],
                                    $12::text[]) as x(s, v, id, u, n, j, r, st, e, w, c, rp)
                        on conflict (session_id, start_at, view_id) do update set viewer_id = excluded.viewer_id,
                            user_id = excluded.user_id, username = excluded.username, joined_at = excluded.joined_at,
                            raw_end = excluded.raw_end, end_at = excluded.end_at, watch_ms = excluded.watch_ms,
                            stays = excluded.stays, replicas = excluded.replicas""")
                .execute(Tuple.from(new Object[]{sessions, viewers, ids, users, names, joined, rawEnds, starts, ends,
                        watch, stays, replicas}))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlConnection connection, List<ViewRow> views) {
        if (views.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] sessions = views.stream().map(ViewRow::sessionId).toArray(UUID[]::new);
        OffsetDateTime[] starts = views.stream().map(v -> Sql.time(v.startAt())).toArray(OffsetDateTime[]::new);
        UUID[] ids = views.stream().map(ViewRow::viewId).toArray(UUID[]::new);
        return connection.preparedQuery("delete from session_view where (session_id, start_at, view_id) in "
                        + "(select * from unnest($1::uuid[], $2::timestamptz[], $3::uuid[]))")
                .execute(Tuple.of(sessions, starts, ids)).replaceWithVoid();
    }

    // ---- what ingest needs to find ----

    /**
     * Viewers whose views' clipping may change when the live interval changes: those with a view starting before
     * {@code startBefore}, with a view not ended by {@code endAfter} (or still open), and (when the end is no longer
     * known) those clipped at the old end. A null bound is not asked.
     */
    public Uni<Set<ViewerKey>> viewersAffectedByInterval(SqlConnection connection, UUID sessionId, Instant startBefore,
                                                        Instant endAfter, boolean endRemoved) {
        List<String> queries = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        parameters.add(sessionId);
        if (startBefore != null) {
            parameters.add(Sql.time(startBefore));
            queries.add("select viewer_id from session_view where session_id = $1 and start_at <= $" + parameters.size());
        }
        if (endAfter != null) {
            parameters.add(Sql.time(endAfter));
            queries.add("select viewer_id from session_view where session_id = $1 and end_at > $" + parameters.size());
            queries.add("select viewer_id from session_view where session_id = $1 and raw_end is null");
        }
        if (endRemoved) {
            queries.add("select viewer_id from session_view where session_id = $1 and end_at is distinct from raw_end");
        }
        if (queries.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery(String.join(" union ", queries)).execute(Tuple.from(parameters)).map(rows -> {
            Set<ViewerKey> keys = new LinkedHashSet<>();
            rows.forEach(row -> keys.add(new ViewerKey(sessionId, row.getString("viewer_id"))));
            return keys;
        });
    }

    /** Viewers with a stay open on the replica (any session), from the views still open in raw terms. */
    public Uni<Set<ViewerKey>> openOnReplica(SqlConnection connection, String replicaId) {
        return connection.preparedQuery("select distinct session_id, viewer_id from session_view "
                        + "where raw_end is null and $1 = any(replicas)")
                .execute(Tuple.of(replicaId)).map(rows -> {
                    Set<ViewerKey> keys = new LinkedHashSet<>();
                    rows.forEach(row -> keys.add(new ViewerKey(row.getUUID("session_id"), row.getString("viewer_id"))));
                    return keys;
                });
    }

    /**
     * The join (+) and leave (-) instants of the session's clipped views within each of the given seconds, for a full
     * sweep of those seconds: second → points in order (seconds without any are missing).
     */
    public Uni<Map<Instant, List<ConcurrencySweep.Point>>> pointsWithin(SqlConnection connection, UUID sessionId,
                                                                      List<Instant> seconds) {
        return connection.preparedQuery("""
                        select v.start_at as at, 1 as plus, 0 as minus
                        from unnest($2::timestamptz[]) as s(second)
                        join session_view v on v.session_id = $1 and v.start_at >= s.second
                                           and v.start_at < s.second + interval '1 second'
                        where v.end_at is null or v.end_at > v.start_at
                        union all
                        select v.end_at, 0, 1
                        from unnest($2::timestamptz[]) as s(second)
                        join session_view v on v.session_id = $1 and v.end_at >= s.second
                                           and v.end_at < s.second + interval '1 second'
                        where v.end_at > v.start_at""")
                .execute(Tuple.of(sessionId, Sql.times(seconds))).map(rows -> {
                    TreeMap<Instant, int[]> byInstant = new TreeMap<>();
                    for (Row row : rows) {
                        int[] counts = byInstant.computeIfAbsent(Sql.instant(row, "at"), k -> new int[2]);
                        counts[0] += row.getInteger(1);
                        counts[1] += row.getInteger(2);
                    }
                    Map<Instant, List<ConcurrencySweep.Point>> points = new HashMap<>();
                    byInstant.forEach((at, c) -> points.computeIfAbsent(ConcurrencySweep.secondOf(at),
                            k -> new ArrayList<>()).add(new ConcurrencySweep.Point(at, c[0], c[1])));
                    return points;
                });
    }

    // ---- reads for the figures ----

    /** Start instants of the session's open views (who is watching now). */
    public Uni<List<Instant>> openStarts(UUID sessionId) {
        return pool.preparedQuery("select start_at from session_view where session_id = $1 and raw_end is null "
                        + "and end_at is null")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<Instant> starts = new ArrayList<>();
                    rows.forEach(row -> starts.add(Sql.instant(row, "start_at")));
                    return starts;
                });
    }

    /**
     * Exact watch times (ms → views) of the closed views within each of the given seconds: one range of the watch-time
     * index per second (a handful), read concurrently.
     */
    public Uni<Map<Integer, NavigableMap<Long, Long>>> closedWatchWithin(UUID sessionId, Set<Integer> seconds) {
        if (seconds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Integer> wanted = new ArrayList<>(seconds);
        List<Uni<NavigableMap<Long, Long>>> reads = new ArrayList<>();
        for (int second : wanted) {
            reads.add(pool.preparedQuery("select watch_ms, count(*) as views from session_view where session_id = $1 "
                            + "and end_at is not null and watch_ms >= $2 and watch_ms < $3 group by watch_ms")
                    .execute(Tuple.of(sessionId, second * 1000L, (second + 1) * 1000L)).map(rows -> {
                        NavigableMap<Long, Long> values = new TreeMap<>();
                        rows.forEach(row -> values.put(row.getLong("watch_ms"), row.getLong("views")));
                        return values;
                    }));
        }
        return Uni.join().all(reads).andFailFast().map(results -> {
            Map<Integer, NavigableMap<Long, Long>> values = new HashMap<>();
            for (int i = 0; i < wanted.size(); i++) {
                if (!results.get(i).isEmpty()) {
                    values.put(wanted.get(i), results.get(i));
                }
            }
            return values;
        });
    }

    /** Open views, latest first, for the live viewer list. */
    public Uni<List<ViewRow>> open(UUID sessionId, int limit, int offset) {
        return pool.preparedQuery("select " + COLUMNS + " from session_view where session_id = $1 and raw_end is null "
                        + "and end_at is null order by start_at desc, view_id limit $2 offset $3")
                .execute(Tuple.of(sessionId, limit, offset)).map(ViewRepository::list);
    }

    /** All views, latest first. */
    public Uni<List<ViewRow>> page(UUID sessionId, int limit, int offset) {
        return pool.preparedQuery("select " + COLUMNS + " from session_view where session_id = $1 "
                        + "order by start_at desc, view_id desc limit $2 offset $3")
                .execute(Tuple.of(sessionId, limit, offset)).map(ViewRepository::list);
    }

    /** Every view of the session, oldest first, read through a cursor in chunks (the CSV export). */
    public Multi<ViewRow> stream(UUID sessionId) {
        String sql = "select " + COLUMNS + " from session_view where session_id = $1 order by start_at, view_id";
        return Multi.createFrom().resourceFromUni(pool::getConnection,
                        connection -> connection.begin().onItem().transformToMulti(tx -> connection.prepare(sql)
                                .onItem().transformToMulti(statement -> statement.createStream(500, Tuple.of(sessionId))
                                        .toMulti())))
                // closing the connection ends the read-only transaction with it
                .withFinalizer((Function<SqlConnection, Uni<Void>>) SqlConnection::close)
                .map(ViewRepository::read);
    }

    private static List<ViewRow> list(RowSet<Row> rows) {
        List<ViewRow> views = new ArrayList<>();
        rows.forEach(row -> views.add(read(row)));
        return views;
    }

    static ViewRow read(Row row) {
        String[] replicas = row.getArrayOfStrings("replicas");
        return new ViewRow(row.getUUID("session_id"), row.getString("viewer_id"), row.getUUID("view_id"),
                row.getLong("user_id"), row.getString("username"), Sql.instant(row, "joined_at"),
                Sql.instant(row, "raw_end"), Sql.instant(row, "start_at"), Sql.instant(row, "end_at"),
                row.getLong("watch_ms"), row.getInteger("stays"), replicas == null ? List.of() : List.of(replicas));
    }
}
