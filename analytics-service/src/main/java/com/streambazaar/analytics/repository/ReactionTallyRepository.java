package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Exact reaction counts per session and type. */
@ApplicationScoped
public class ReactionTallyRepository {

    /** One (session, type) to add to. */
    public record TypeKey(UUID sessionId, String type) {
    }

    private final Pool pool;

    public ReactionTallyRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds counts, keys in the order given (callers sort them). */
    public Uni<Void> add(SqlConnection connection, List<Map.Entry<TypeKey, Long>> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] sessions = counts.stream().map(e -> e.getKey().sessionId()).toArray(UUID[]::new);
        String[] types = counts.stream().map(e -> e.getKey().type()).toArray(String[]::new);
        Long[] values = counts.stream().map(Map.Entry::getValue).toArray(Long[]::new);
        return connection.preparedQuery("""
                        insert into reaction_tally (session_id, type, count)
                        select * from unnest($1::uuid[], $2::text[], $3::int8[])
                        on conflict (session_id, type) do update set count = reaction_tally.count + excluded.count""")
                .execute(Tuple.of(sessions, types, values)).replaceWithVoid();
    }

    /** Counts by type, largest first (ties by type). */
    public Uni<Map<String, Long>> countsBySession(UUID sessionId) {
        return pool.preparedQuery("select type, count from reaction_tally where session_id = $1 and count > 0 "
                        + "order by count desc, type")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (Row row : rows) {
                        counts.put(row.getString("type"), row.getLong("count"));
                    }
                    return counts;
                });
    }

    /** Counts by type for many sessions. */
    public Uni<Map<UUID, Map<String, Long>>> countsBySessions(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select session_id, type, count from reaction_tally where session_id = any($1) "
                        + "and count > 0 order by session_id, count desc, type")
                .execute(Tuple.of(Sql.uuids(sessionIds))).map(rows -> {
                    Map<UUID, Map<String, Long>> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.computeIfAbsent(row.getUUID("session_id"), s -> new LinkedHashMap<>())
                                .put(row.getString("type"), row.getLong("count"));
                    }
                    return counts;
                });
    }

    /** Counts by type summed over a creator's sessions (deleted ones left out), largest first. */
    public Uni<Map<String, Long>> countsByCreator(long creatorId) {
        return pool.preparedQuery("select t.type, sum(t.count)::int8 as n from reaction_tally t "
                        + "join analytics_session s on s.session_id = t.session_id "
                        + "where s.creator_id = $1 and s.status <> 'deleted' group by t.type having sum(t.count) > 0 "
                        + "order by n desc, t.type")
                .execute(Tuple.of(creatorId)).map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put(row.getString("type"), row.getLong("n")));
                    return counts;
                });
    }
}
