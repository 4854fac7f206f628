package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Distinct viewers and clickers across a creator's sessions: in how many of them each identity appears, and how many
 * identities appear at all. Kept when a viewer's first view or first click in a session is recorded (or taken back).
 */
@ApplicationScoped
public class CreatorRepository {

    /** An identity in a creator's audience. */
    public record AudienceKey(long creatorId, String viewerId) implements Comparable<AudienceKey> {
        @Override
        public int compareTo(AudienceKey other) {
            int byCreator = Long.compare(creatorId, other.creatorId);
            return byCreator != 0 ? byCreator : viewerId.compareTo(other.viewerId);
        }
    }

    /** Creator-wide distinct counts. */
    public record CreatorTotals(long uniqueViewers, long uniqueClickers) {
    }

    private final Pool pool;

    public CreatorRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds session counts (sorted keys, deltas ±n) to viewers ({@code clickers} false) or clickers; returns per
     * creator how many identities appeared (+) or disappeared (-) from the creator's audience.
     */
    public Uni<Map<Long, Long>> add(SqlConnection connection, List<Map.Entry<AudienceKey, Integer>> deltas,
                                    boolean clickers) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String table = clickers ? "creator_clicker" : "creator_viewer";
        Long[] creators = deltas.stream().map(e -> e.getKey().creatorId()).toArray(Long[]::new);
        String[] viewers = deltas.stream().map(e -> e.getKey().viewerId()).toArray(String[]::new);
        Integer[] counts = deltas.stream().map(Map.Entry::getValue).toArray(Integer[]::new);
        Map<AudienceKey, Integer> byKey = new HashMap<>();
        deltas.forEach(e -> byKey.put(e.getKey(), e.getValue()));
        return connection.preparedQuery("insert into " + table + " as t (creator_id, viewer_id, sessions) "
                        + "select * from unnest($1::int8[], $2::text[], $3::int4[]) "
                        + "on conflict (creator_id, viewer_id) do update set sessions = t.sessions + excluded.sessions "
                        + "returning creator_id, viewer_id, sessions")
                .execute(Tuple.of(creators, viewers, counts)).map(rows -> {
                    Map<Long, Long> changes = new HashMap<>();
                    for (Row row : rows) {
                        AudienceKey key = new AudienceKey(row.getLong("creator_id"), row.getString("viewer_id"));
                        int delta = byKey.get(key);
                        int now = row.getInteger("sessions");
                        int before = now - delta;
                        if (before <= 0 && now > 0) {
                            changes.merge(key.creatorId(), 1L, Long::sum);
                        } else if (before > 0 && now <= 0) {
                            changes.merge(key.creatorId(), -1L, Long::sum);
                        }
                    }
                    return changes;
                });
    }

    /** Adds to creators' distinct counts (creators sorted). */
    public Uni<Void> addTotals(SqlConnection connection, Map<Long, long[]> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> creators = new ArrayList<>(deltas.keySet());
        creators.sort(null);
        Long[] viewers = creators.stream().map(c -> deltas.get(c)[0]).toArray(Long[]::new);
        Long[] clickers = creators.stream().map(c -> deltas.get(c)[1]).toArray(Long[]::new);
        return connection.preparedQuery("""
                        insert into creator_totals as t (creator_id, unique_viewers, unique_clickers)
                        select * from unnest($1::int8[], $2::int8[], $3::int8[])
                        on conflict (creator_id) do update set unique_viewers = t.unique_viewers + excluded.unique_viewers,
                            unique_clickers = t.unique_clickers + excluded.unique_clickers""")
                .execute(Tuple.of(creators.toArray(Long[]::new), viewers, clickers)).replaceWithVoid();
    }

    /** The session's viewers (with a view) and clickers, to add or take back its whole audience at once. */
    public Uni<List<Map.Entry<String, boolean[]>>> audienceOf(SqlConnection connection, UUID sessionId) {
        return connection.preparedQuery("select viewer_id, views > 0 as viewed, clicks > 0 as clicked "
                        + "from session_viewer where session_id = $1 and (views > 0 or clicks > 0) "
                        + "order by viewer_id collate \"C\"")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    List<Map.Entry<String, boolean[]>> audience = new ArrayList<>();
                    rows.forEach(row -> audience.add(Map.entry(row.getString("viewer_id"),
                            new boolean[]{row.getBoolean("viewed"), row.getBoolean("clicked")})));
                    return audience;
                });
    }

    public Uni<CreatorTotals> totals(long creatorId) {
        return pool.preparedQuery("select unique_viewers, unique_clickers from creator_totals where creator_id = $1")
                .execute(Tuple.of(creatorId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new CreatorTotals(0, 0);
                    }
                    Row row = rows.iterator().next();
                    return new CreatorTotals(row.getLong("unique_viewers"), row.getLong("unique_clickers"));
                });
    }
}
