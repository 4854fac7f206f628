package com.streambazaar.analytics.repository;

import com.streambazaar.analytics.service.ConcurrencySweep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/** Per-minute rollups, concurrency points and the watch-time histogram. Writes come in key order. */
@ApplicationScoped
public class RollupRepository {

    /** Counts to add to one minute: joins, leaves, messages, reactions, clicks. */
    public record MinuteCounts(int joins, int leaves, int messages, int reactions, int clicks) {
    }

    private final Pool pool;

    public RollupRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds counts (minutes sorted) and returns every touched minute's concurrency state, locked. */
    public Uni<Map<MinuteKey, ConcurrencySweep.Minute>> addMinutes(SqlConnection connection,
                                                                   NavigableMap<MinuteKey, int[]> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = counts.size();
        UUID[] sessions = new UUID[n];
        OffsetDateTime[] minutes = new OffsetDateTime[n];
        Integer[][] columns = new Integer[5][n];
        int i = 0;
        for (Map.Entry<MinuteKey, int[]> entry : counts.entrySet()) {
            sessions[i] = entry.getKey().sessionId();
            minutes[i] = Sql.time(entry.getKey().at());
            for (int c = 0; c < 5; c++) {
                columns[c][i] = entry.getValue()[c];
            }
            i++;
        }
        return connection.preparedQuery("""
                        insert into minute_rollup (session_id, minute, joins, leaves, messages, reactions, clicks)
                        select * from unnest($1::uuid[], $2::timestamptz[], $3::int4[], $4::int4[], $5::int4[],
                                             $6::int4[], $7::int4[])
                        on conflict (session_id, minute) do update set joins = minute_rollup.joins + excluded.joins,
                            leaves = minute_rollup.leaves + excluded.leaves,
                            messages = minute_rollup.messages + excluded.messages,
                            reactions = minute_rollup.reactions + excluded.reactions,
                            clicks = minute_rollup.clicks + excluded.clicks
                        returning session_id, minute, conc_net, conc_at_start, peak_local, peak_local_at, conc_last_at""")
                .execute(Tuple.from(new Object[]{sessions, minutes, columns[0], columns[1], columns[2], columns[3],
                        columns[4]}))
                .map(rows -> {
                    Map<MinuteKey, ConcurrencySweep.Minute> states = new HashMap<>();
                    for (Row row : rows) {
                        ConcurrencySweep.Minute minute = concurrency(row);
                        states.put(new MinuteKey(row.getUUID("session_id"), minute.minute()), minute);
                    }
                    return states;
                });
    }

    /** Stores new concurrency states of minutes this transaction has locked. */
    public Uni<Void> saveConcurrency(SqlConnection connection, Map<MinuteKey, ConcurrencySweep.Minute> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = states.size();
        UUID[] sessions = new UUID[n];
        OffsetDateTime[] minutes = new OffsetDateTime[n];
        Integer[] net = new Integer[n];
        Integer[] atStart = new Integer[n];
        Integer[] peak = new Integer[n];
        OffsetDateTime[] peakAt = new OffsetDateTime[n];
        OffsetDateTime[] lastAt = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<MinuteKey, ConcurrencySweep.Minute> entry : states.entrySet()) {
            ConcurrencySweep.Minute m = entry.getValue();
            sessions[i] = entry.getKey().sessionId();
            minutes[i] = Sql.time(m.minute());
            net[i] = m.net();
            atStart[i] = m.atStart();
            peak[i] = m.peakLocal();
            peakAt[i] = Sql.time(m.peakLocalAt());
            lastAt[i] = Sql.time(m.lastAt());
            i++;
        }
        return connection.preparedQuery("""
                        update minute_rollup r set conc_net = u.net, conc_at_start = u.at_start, peak_local = u.peak,
                            peak_local_at = u.peak_at, conc_last_at = u.last_at
                        from unnest($1::uuid[], $2::timestamptz[], $3::int4[], $4::int4[], $5::int4[],
                                    $6::timestamptz[], $7::timestamptz[])
                             as u(session_id, minute, net, at_start, peak, peak_at, last_at)
                        where r.session_id = u.session_id and r.minute = u.minute""")
                .execute(Tuple.from(new Object[]{sessions, minutes, net, atStart, peak, peakAt, lastAt}))
                .replaceWithVoid();
    }

    /** A second's concurrency points (microsecond offset → {plus, minus}) and their sweep. */
    public record SecondState(ConcurrencySweep.Minute sweep, NavigableMap<Integer, int[]> points) {
    }

    /** The stored states of the given seconds (those that have a row), which this transaction's minute locks hold. */
    public Uni<Map<MinuteKey, SecondState>> secondStates(SqlConnection connection,
                                                         java.util.Collection<MinuteKey> seconds) {
        if (seconds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        UUID[] sessions = seconds.stream().map(MinuteKey::sessionId).toArray(UUID[]::new);
        OffsetDateTime[] at = seconds.stream().map(k -> Sql.time(k.at())).toArray(OffsetDateTime[]::new);
        return connection.preparedQuery("select session_id, second as minute, points, conc_net, conc_at_start, "
                        + "peak_local, peak_local_at, conc_last_at from second_sweep "
                        + "where (session_id, second) in (select * from unnest($1::uuid[], $2::timestamptz[]))")
                .execute(Tuple.of(sessions, at)).map(rows -> {
                    Map<MinuteKey, SecondState> states = new HashMap<>();
                    for (Row row : rows) {
                        ConcurrencySweep.Minute second = concurrency(row);
                        states.put(new MinuteKey(row.getUUID("session_id"), second.minute()),
                                new SecondState(second, SweepPoints.decode(row.getBuffer("points").getBytes())));
                    }
                    return states;
                });
    }

    /** The sweep states of one minute's seconds, in order. */
    public Uni<List<ConcurrencySweep.Minute>> secondsOf(SqlConnection connection, UUID sessionId, Instant minute) {
        return connection.preparedQuery("select second as minute, conc_net, conc_at_start, peak_local, peak_local_at, "
                        + "conc_last_at from second_sweep where session_id = $1 and second >= $2 "
                        + "and second < $2 + interval '1 minute' order by second")
                .execute(Tuple.of(sessionId, Sql.time(minute))).map(rows -> {
                    List<ConcurrencySweep.Minute> seconds = new ArrayList<>();
                    rows.forEach(row -> seconds.add(concurrency(row)));
                    return seconds;
                });
    }

    /** Stores the states of seconds (keys sorted) whose minutes this transaction has locked. */
    public Uni<Void> saveSeconds(SqlConnection connection, Map<MinuteKey, SecondState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = states.size();
        UUID[] sessions = new UUID[n];
        OffsetDateTime[] seconds = new OffsetDateTime[n];
        io.vertx.core.buffer.Buffer[] points = new io.vertx.core.buffer.Buffer[n];
        Integer[] net = new Integer[n];
        Integer[] atStart = new Integer[n];
        Integer[] peak = new Integer[n];
        OffsetDateTime[] peakAt = new OffsetDateTime[n];
        OffsetDateTime[] lastAt = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<MinuteKey, SecondState> entry : states.entrySet()) {
            ConcurrencySweep.Minute m = entry.getValue().sweep();
            sessions[i] = entry.getKey().sessionId();
            seconds[i] = Sql.time(entry.getKey().at());
            points[i] = io.vertx.core.buffer.Buffer.buffer(SweepPoints.encode(entry.getValue().points()));
            net[i] = m.net();
            atStart[i] = m.atStart();
            peak[i] = m.peakLocal();
            peakAt[i] = Sql.time(m.peakLocalAt());
            lastAt[i] = Sql.time(m.lastAt());
            i++;
        }
        return connection.preparedQuery("""
                        insert into second_sweep (session_id, second, points, conc_net, conc_at_start, peak_local,
                                                  peak_local_at, conc_last_at)
                        select * from unnest($1::uuid[], $2::timestamptz[], $3::bytea[], $4::int4[], $5::int4[],
                                             $6::int4[], $7::timestamptz[], $8::timestamptz[])
                        on conflict (session_id, second) do update set points = excluded.points,
                            conc_net = excluded.conc_net, conc_at_start = excluded.conc_at_start,
                            peak_local = excluded.peak_local, peak_local_at = excluded.peak_local_at,
                            conc_last_at = excluded.conc_last_at""")
                .execute(Tuple.from(new Object[]{sessions, seconds, points, net, atStart, peak, peakAt, lastAt}))
                .replaceWithVoid();
    }

    /** The concurrency state of every minute of a session that has one, in order. */
    public Uni<List<ConcurrencySweep.Minute>> concurrencyOf(SqlClient client, UUID sessionId) {
        return client.preparedQuery("select minute, conc_net, conc_at_start, peak_local, peak_local_at, conc_last_at "
                        + "from minute_rollup where session_id = $1 and peak_local is not null order by minute")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<ConcurrencySweep.Minute> minutes = new ArrayList<>();
                    rows.forEach(row -> minutes.add(concurrency(row)));
                    return minutes;
                });
    }

    /** Every minute of the session, in order. */
    public Uni<List<MinuteRow>> minutesOf(UUID sessionId) {
        return pool.preparedQuery("select session_id, minute, joins, leaves, messages, reactions, clicks, conc_net, "
                        + "conc_at_start, peak_local, peak_local_at, conc_last_at from minute_rollup "
                        + "where session_id = $1 order by minute")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<MinuteRow> minutes = new ArrayList<>();
                    rows.forEach(row -> minutes.add(new MinuteRow(row.getUUID("session_id"), Sql.instant(row, "minute"),
                            row.getInteger("joins"), row.getInteger("leaves"), row.getInteger("messages"),
                            row.getInteger("reactions"), row.getInteger("clicks"), concurrency(row))));
                    return minutes;
                });
    }

    /** Adds closed views to the watch-time histogram (keys sorted; a negative count takes views back). */
    public Uni<Void> addWatchSeconds(SqlConnection connection, NavigableMap<SecondKey, Integer> seconds) {
        if (seconds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = seconds.size();
        UUID[] sessions = new UUID[n];
        Integer[] second = new Integer[n];
        Integer[] views = new Integer[n];
        int i = 0;
        for (Map.Entry<SecondKey, Integer> entry : seconds.entrySet()) {
            sessions[i] = entry.getKey().sessionId();
            second[i] = entry.getKey().second();
            views[i] = entry.getValue();
            i++;
        }
        return connection.preparedQuery("""
                        insert into watch_second (session_id, second, views)
                        select * from unnest($1::uuid[], $2::int4[], $3::int4[])
                        on conflict (session_id, second) do update set views = watch_second.views + excluded.views""")
                .execute(Tuple.of(sessions, second, views)).replaceWithVoid();
    }

    /** Closed views by whole second of watch time. */
    public Uni<NavigableMap<Integer, Long>> watchSeconds(UUID sessionId) {
        return pool.preparedQuery("select second, views from watch_second where session_id = $1 and views <> 0")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    NavigableMap<Integer, Long> histogram = new TreeMap<>();
                    rows.forEach(row -> histogram.put(row.getInteger("second"), (long) row.getInteger("views")));
                    return histogram;
                });
    }

    /** A second of watch time in one session's histogram. */
    public record SecondKey(UUID sessionId, int second) implements Comparable<SecondKey> {
        @Override
        public int compareTo(SecondKey other) {
            int bySession = sessionId.compareTo(other.sessionId);
            return bySession != 0 ? bySession : Integer.compare(second, other.second);
        }
    }

    private static ConcurrencySweep.Minute concurrency(Row row) {
        return new ConcurrencySweep.Minute(Sql.instant(row, "minute"), row.getInteger("conc_net"),
                row.getInteger("conc_at_start"), row.getInteger("peak_local"), Sql.instant(row, "peak_local_at"),
                Sql.instant(row, "conc_last_at"));
    }
}
