package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * A lease in Postgres: the holder renews it before it lapses; anyone may take it once it lapsed. Time is the
 * database's, so replicas' clocks do not matter.
 */
@ApplicationScoped
public class PublisherLeaseRepository {

    private final Pool pool;

    public PublisherLeaseRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes or renews the lease; true when {@code holder} holds it for the next {@code duration}. */
    public Uni<Boolean> acquire(String name, String holder, Duration duration) {
        return pool.preparedQuery("""
                        insert into publisher_lease as l (name, holder, expires_at)
                        values ($1, $2, now() + make_interval(secs => $3))
                        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
                        where l.holder = excluded.holder or l.expires_at < now()
                        returning holder""")
                .execute(Tuple.of(name, holder, duration.toMillis() / 1000.0))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Gives the lease up (shutdown), so another replica takes over at once. */
    public Uni<Void> release(String name, String holder) {
        return pool.preparedQuery("delete from publisher_lease where name = $1 and holder = $2")
                .execute(Tuple.of(name, holder)).replaceWithVoid();
    }
}
