package com.streambazaar.session.service;

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
 * {@code bazaar_sessions_live} and {@code bazaar_sessions_paused}: shows on air now, counted in the database (the one
 * truth across replicas, so every replica reports the same figure: take {@code max}, not {@code sum}). Refreshed every
 * {@code bazaar.metrics.poll-interval}; both counts come from the (status, created_at) index.
 */
@ApplicationScoped
public class SessionMetrics {

    private static final String QUERY = """
            select count(*) filter (where status = 'live') as live, count(*) filter (where status = 'paused') as paused
            from stream_session where status in ('live', 'paused')""";

    private final Vertx vertx;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final MetricsConfig config;
    private volatile long live;
    private volatile long paused;
    private PolledQuery query;

    public SessionMetrics(Vertx vertx, Pool pool, MeterRegistry metrics, MetricsConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("bazaar.sessions.live", this, m -> m.live).description("Sessions live now").register(metrics);
        Gauge.builder("bazaar.sessions.paused", this, m -> m.paused).description("Live sessions paused now")
                .register(metrics);
        query = new PolledQuery(vertx, pool, QUERY, row -> {
            live = row.getLong("live");
            paused = row.getLong("paused");
        }).start(config.pollInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (query != null) {
            query.stop();
        }
    }
}
