package com.streambazaar.auth.service;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.auth.repository.LoginThrottleRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deletes what no longer matters, periodically: expired refresh tokens (a used token is kept until it expires, so
 * its reuse is still recognised), closed throttle windows, addresses not signed in from for a long time, and old
 * tombstones of ended or deleted sessions.
 * Every replica may run it; the deletes are idempotent.
 */
@ApplicationScoped
public class ExpiredRecordsPurge {

    private final Pool pool;
    private final Vertx vertx;
    private final LoginThrottleRepository throttle;
    private final AuthConfig config;
    private long timer = -1;

    public ExpiredRecordsPurge(Pool pool, Vertx vertx, LoginThrottleRepository throttle, AuthConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.throttle = throttle;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> purge().subscribe().with(
                ignored -> { },
                failure -> Log.warnf("Purging expired auth records failed, will retry in %s: %s",
                        config.purgeInterval(), failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    Uni<Void> purge() {
        return pool.preparedQuery("delete from refresh_token where expires_at <= now()").execute()
                .map(rows -> rows.rowCount())
                .chain(tokens -> throttle.purgeClosed(config.throttle().window())
                        .chain(counters -> throttle.purgeKnownAddresses(config.throttle().knownAddressRetention()))
                        .chain(addresses -> pool.preparedQuery("delete from live_session where status in ('ended', 'deleted') "
                                        + "and updated_at < now() - make_interval(secs => $1)")
                                .execute(Tuple.of((double) config.sessionTombstoneRetention().toSeconds()))
                                .map(rows -> rows.rowCount()))
                        .invoke(sessions -> {
                            if (tokens + sessions > 0) {
                                Log.debugf("Purged %d expired refresh token(s) and %d old session tombstone(s)",
                                        tokens, sessions);
                            }
                        }))
                .replaceWithVoid();
    }
}
