package com.streambazaar.common.event;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Forgets processed eventIds once Kafka can no longer redeliver them. The retention must exceed the topics'
 * retention (7 days by default), or an old event replayed from the log would count again.
 */
@ApplicationScoped
public class ProcessedEventPurge {

    private final Pool pool;
    private final Vertx vertx;
    private final Duration retention;
    private long timer = -1;

    public ProcessedEventPurge(Pool pool, Vertx vertx,
                               @ConfigProperty(name = "bazaar.consumer.dedupe-retention", defaultValue = "P14D") Duration retention) {
        this.pool = pool;
        this.vertx = vertx;
        this.retention = retention;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), Duration.ofHours(1).toMillis(), id -> purge());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void purge() {
        pool.preparedQuery("delete from processed_event where processed_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .subscribe().with(
                        rows -> Log.debugf("Forgot %d processed event ids older than %s", rows.rowCount(), retention),
                        failure -> Log.warnf("Purging processed event ids failed, will retry: %s", failure.getMessage()));
    }
}
