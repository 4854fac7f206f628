package com.streambazaar.common.outbox;

import com.streambazaar.common.observability.MetricsConfig;
import com.streambazaar.common.observability.PolledQuery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * How far the outbox is behind, as gauges: {@code bazaar_outbox_backlog} (events written but not yet acknowledged by
 * Kafka) and {@code bazaar_outbox_oldest_age_seconds} (how long the oldest of them has waited; 0 when none), per
 * service (the {@code application} tag every metric has). A growing age means events are not leaving (broker away, or a poison send retried).
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final String QUERY = """
            select count(*) as backlog,
                   coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0)::float8 as oldest
            from outbox_event""";

    private final Vertx vertx;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final MetricsConfig config;
    private volatile long backlog;
    private volatile double oldestSeconds;
    private PolledQuery query;

    public OutboxBacklog(Vertx vertx, Pool pool, MeterRegistry metrics, MetricsConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("bazaar.outbox.backlog", this, o -> o.backlog)
                .description("Events in the outbox not yet acknowledged by Kafka").register(metrics);
        Gauge.builder("bazaar.outbox.oldest.age", this, o -> o.oldestSeconds).baseUnit("seconds")
                .description("How long the oldest event in the outbox has waited").register(metrics);
        query = new PolledQuery(vertx, pool, QUERY, row -> {
            backlog = row.getLong("backlog");
            oldestSeconds = row.getDouble("oldest");
        }).start(config.pollInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (query != null) {
            query.stop();
        }
    }
}
