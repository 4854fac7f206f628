package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The session read model on the reactive client (ingest and figures). */
@ApplicationScoped
public class SessionReadModelRepository {

    private static final String COLUMNS = "session_id, creator_id, creator_username, title, status, started_at, "
            + "ended_at, created_at, updated_at, product_ids, active_product_id, featured_product_ids";

    private final Pool pool;

    public SessionReadModelRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<UUID, SessionInfo>> load(SqlClient client, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("select " + COLUMNS + " from analytics_session where session_id = any($1)")
                .execute(Tuple.of(Sql.uuids(ids))).map(rows -> {
                    Map<UUID, SessionInfo> sessions = new HashMap<>();
                    for (Row row : rows) {
                        SessionInfo info = read(row);
                        sessions.put(info.sessionId(), info);
                    }
                    return sessions;
                });
    }

    public Uni<SessionInfo> find(UUID id) {
        return load(pool, List.of(id)).map(found -> found.get(id));
    }

    /** Sessions to publish live figures for: live or paused, or ended within the last {@code endedWithinSeconds}. */
    public Uni<List<SessionInfo>> liveOrJustEnded(double endedWithinSeconds) {
        return pool.preparedQuery("select " + COLUMNS + " from analytics_session where status in ('live', 'paused') "
                        + "or (status = 'ended' and ended_at > now() - make_interval(secs => $1))")
                .execute(Tuple.of(endedWithinSeconds)).map(rows -> {
                    List<SessionInfo> sessions = new ArrayList<>();
                    rows.forEach(row -> sessions.add(read(row)));
                    return sessions;
                });
    }

    /** A creator's sessions, deleted ones left out. */
    public Uni<List<SessionInfo>> ofCreator(long creatorId) {
        return pool.preparedQuery("select " + COLUMNS + " from analytics_session where creator_id = $1 "
                        + "and status <> 'deleted'")
                .execute(Tuple.of(creatorId)).map(rows -> {
                    List<SessionInfo> sessions = new ArrayList<>();
                    rows.forEach(row -> sessions.add(read(row)));
                    return sessions;
                });
    }

    public Uni<Void> upsert(SqlClient client, SessionInfo s) {
        return client.preparedQuery("""
                        insert into analytics_session (session_id, creator_id, creator_username, title, status, started_at,
                                                       ended_at, created_at, updated_at, product_ids, active_product_id,
                                                       featured_product_ids)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                        on conflict (session_id) do update set creator_id = excluded.creator_id,
                            creator_username = excluded.creator_username, title = excluded.title,
                            status = excluded.status, started_at = excluded.started_at, ended_at = excluded.ended_at,
                            created_at = excluded.created_at, updated_at = excluded.updated_at,
                            product_ids = excluded.product_ids, active_product_id = excluded.active_product_id,
                            featured_product_ids = excluded.featured_product_ids""")
                .execute(Tuple.from(new Object[]{s.sessionId(), s.creatorId(), s.creatorUsername(), s.title(),
                        s.status(), Sql.time(s.startedAt()), Sql.time(s.endedAt()), Sql.time(s.createdAt()),
                        Sql.time(s.updatedAt()), Sql.uuids(s.productIds()), s.activeProductId(),
                        Sql.uuids(s.featuredProductIds())}))
                .replaceWithVoid();
    }

    private static SessionInfo read(Row row) {
        UUID[] products = row.getArrayOfUUIDs("product_ids");
        UUID[] featured = row.getArrayOfUUIDs("featured_product_ids");
        return new SessionInfo(row.getUUID("session_id"), row.getLong("creator_id"), row.getString("creator_username"),
                row.getString("title"), row.getString("status"), Sql.instant(row, "started_at"),
                Sql.instant(row, "ended_at"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"),
                products == null ? List.of() : Arrays.asList(products), row.getUUID("active_product_id"),
                featured == null ? List.of() : Arrays.asList(featured));
    }
}
