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

/** Product clicks: each click (for windows), clickers per product, tallies. */
@ApplicationScoped
public class ClickRepository {

    /** One click. */
    public record Click(UUID sessionId, UUID productId, String viewerId, Instant at) {
    }

    /** A product of a session. */
    public record ProductKey(UUID sessionId, UUID productId) {
    }

    /** Clicks and distinct clickers of one product in one session (all time, or within a window). */
    public record ProductClicks(UUID sessionId, UUID productId, long clicks, long uniqueClickers) {
    }

    private final Pool pool;

    public ClickRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records clicks and returns, per product, how many clickers clicked it for the first time. {@code clickers}
     * holds (session, product, viewer) → clicks, sorted.
     */
    public Uni<Map<ProductKey, Long>> record(SqlConnection connection, List<Click> clicks,
                                             List<Map.Entry<Click, Integer>> clickers) {
        if (clicks.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = clicks.size();
        UUID[] sessions = new UUID[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        UUID[] products = new UUID[n];
        String[] viewers = new String[n];
        for (int i = 0; i < n; i++) {
            Click click = clicks.get(i);
            sessions[i] = click.sessionId();
            at[i] = Sql.time(click.at());
            products[i] = click.productId();
            viewers[i] = click.viewerId();
        }
        int m = clickers.size();
        UUID[] cSessions = new UUID[m];
        UUID[] cProducts = new UUID[m];
        String[] cViewers = new String[m];
        Integer[] cClicks = new Integer[m];
        for (int i = 0; i < m; i++) {
            Click key = clickers.get(i).getKey();
            cSessions[i] = key.sessionId();
            cProducts[i] = key.productId();
            cViewers[i] = key.viewerId();
            cClicks[i] = clickers.get(i).getValue();
        }
        return connection.preparedQuery("insert into product_click (session_id, at, product_id, viewer_id) "
                        + "select * from unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[])")
                .execute(Tuple.of(sessions, at, products, viewers))
                .chain(() -> connection.preparedQuery("""
                                insert into product_clicker (session_id, product_id, viewer_id, clicks)
                                select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int4[])
                                on conflict (session_id, product_id, viewer_id)
                                    do update set clicks = product_clicker.clicks + excluded.clicks
                                returning session_id, product_id, (xmax = 0) as inserted""")
                        .execute(Tuple.of(cSessions, cProducts, cViewers, cClicks)))
                .map(rows -> {
                    Map<ProductKey, Long> firstTime = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getBoolean("inserted")) {
                            firstTime.merge(new ProductKey(row.getUUID("session_id"), row.getUUID("product_id")), 1L,
                                    Long::sum);
                        }
                    }
                    return firstTime;
                });
    }

    /** Adds to the per-product tallies (keys sorted). */
    public Uni<Void> addTallies(SqlConnection connection, List<ProductClicks> tallies) {
        if (tallies.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] sessions = tallies.stream().map(ProductClicks::sessionId).toArray(UUID[]::new);
        UUID[] products = tallies.stream().map(ProductClicks::productId).toArray(UUID[]::new);
        Long[] clicks = tallies.stream().map(ProductClicks::clicks).toArray(Long[]::new);
        Long[] unique = tallies.stream().map(ProductClicks::uniqueClickers).toArray(Long[]::new);
        return connection.preparedQuery("""
                        insert into product_click_tally (session_id, product_id, clicks, unique_clickers)
                        select * from unnest($1::uuid[], $2::uuid[], $3::int8[], $4::int8[])
                        on conflict (session_id, product_id) do update set
                            clicks = product_click_tally.clicks + excluded.clicks,
                            unique_clickers = product_click_tally.unique_clickers + excluded.unique_clickers""")
                .execute(Tuple.of(sessions, products, clicks, unique)).replaceWithVoid();
    }

    /** All-time tallies of the sessions' products. */
    public Uni<List<ProductClicks>> tallies(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select session_id, product_id, clicks, unique_clickers from product_click_tally "
                        + "where session_id = any($1)")
                .execute(Tuple.of(Sql.uuids(sessionIds))).map(ClickRepository::read);
    }

    /** Clicks and distinct clickers per product since the instant (the trending window). */
    public Uni<List<ProductClicks>> since(Collection<UUID> sessionIds, Instant since) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select session_id, product_id, count(*) as clicks, "
                        + "count(distinct viewer_id) as unique_clickers from product_click "
                        + "where session_id = any($1) and at > $2 group by session_id, product_id")
                .execute(Tuple.of(Sql.uuids(sessionIds), Sql.time(since))).map(ClickRepository::read);
    }

    /** Every tally of a creator's sessions (deleted ones left out), for creator-wide figures. */
    public Uni<List<ProductClicks>> talliesOfCreator(long creatorId) {
        return pool.preparedQuery("select t.session_id, t.product_id, t.clicks, t.unique_clickers "
                        + "from product_click_tally t join analytics_session s on s.session_id = t.session_id "
                        + "where s.creator_id = $1 and s.status <> 'deleted'")
                .execute(Tuple.of(creatorId)).map(ClickRepository::read);
    }

    private static List<ProductClicks> read(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<ProductClicks> list = new ArrayList<>();
        rows.forEach(row -> list.add(new ProductClicks(row.getUUID("session_id"), row.getUUID("product_id"),
                row.getLong("clicks"), row.getLong("unique_clickers"))));
        return list;
    }
}
