package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** When each realtime replica was last known alive, and whether it was declared dead. */
@ApplicationScoped
public class ReplicaRepository {

    /** A replica and its last known-alive instant. */
    public record Replica(String replicaId, Instant lastSeenAt, Instant deadAt) {
    }

    private final Pool pool;

    public ReplicaRepository(Pool pool) {
        this.pool = pool;
    }

    /** Replicas among these that were declared dead (to tell whether an event brings one back). */
    public Uni<Map<String, Instant>> deadAmong(SqlClient client, Collection<String> replicaIds) {
        if (replicaIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select replica_id, dead_at from realtime_replica where replica_id = any($1) "
                        + "and dead_at is not null")
                .execute(Tuple.of(replicaIds.toArray(String[]::new))).map(rows -> {
                    Map<String, Instant> dead = new HashMap<>();
                    rows.forEach(row -> dead.put(row.getString("replica_id"), Sql.instant(row, "dead_at")));
                    return dead;
                });
    }

    /** Moves each replica's last known-alive instant forward (sorted ids); revived ones are no longer dead. */
    public Uni<Void> seen(SqlConnection connection, Map<String, Instant> lastSeen, Collection<String> revived) {
        if (lastSeen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = new ArrayList<>(lastSeen.keySet());
        ids.sort(null);
        OffsetDateTime[] at = ids.stream().map(id -> Sql.time(lastSeen.get(id))).toArray(OffsetDateTime[]::new);
        return connection.preparedQuery("""
                        insert into realtime_replica as r (replica_id, last_seen_at)
                        select * from unnest($1::text[], $2::timestamptz[])
                        on conflict (replica_id) do update set
                            last_seen_at = greatest(r.last_seen_at, excluded.last_seen_at), heard_at = now(),
                            dead_at = case when r.replica_id = any($3) then null else r.dead_at end""")
                .execute(Tuple.of(ids.toArray(String[]::new), at, revived.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Replicas not declared dead whose last known-alive instant lies more than {@code timeout} behind the presence
     * stream: behind the newest instant any replica was seen at while events keep arriving (so a replay of old events
     * or a consumer catching up declares nobody dead), behind our clock once no event arrived for {@code quiet}.
     */
    public Uni<List<Replica>> silent(Duration timeout, Duration quiet) {
        return pool.preparedQuery("""
                        with stream as (select max(last_seen_at) as newest, max(heard_at) as heard from realtime_replica)
                        select r.replica_id, r.last_seen_at from realtime_replica r, stream
                        where r.dead_at is null
                          and r.last_seen_at < (case when stream.heard > now() - make_interval(secs => $2)
                                                     then least(stream.newest, now()) else now() end)
                                               - make_interval(secs => $1)
                        order by r.replica_id""")
                .execute(Tuple.of(timeout.toMillis() / 1000.0, quiet.toMillis() / 1000.0)).map(rows -> {
                    List<Replica> replicas = new ArrayList<>();
                    for (Row row : rows) {
                        replicas.add(new Replica(row.getString("replica_id"), Sql.instant(row, "last_seen_at"), null));
                    }
                    return replicas;
                });
    }

    /** Declares the replica dead at its last known-alive instant, unless it was seen again meanwhile. */
    public Uni<Boolean> declareDead(SqlConnection connection, String replicaId, Instant lastSeen) {
        return connection.preparedQuery("update realtime_replica set dead_at = last_seen_at where replica_id = $1 "
                        + "and dead_at is null and last_seen_at = $2")
                .execute(Tuple.of(replicaId, Sql.time(lastSeen))).map(rows -> rows.rowCount() == 1);
    }
}
