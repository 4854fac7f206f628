package com.streambazaar.common.observability;

import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a cheap query on a timer and hands its first row to the gauges that show it, so a metrics scrape reads the last
 * values instead of querying the database (and never blocks an event loop). A failed run keeps the last values.
 */
public final class PolledQuery {

    private final Vertx vertx;
    private final Pool pool;
    private final String sql;
    private final Consumer<Row> onRow;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private long timer = -1;

    public PolledQuery(Vertx vertx, Pool pool, String sql, Consumer<Row> onRow) {
        this.vertx = vertx;
        this.pool = pool;
        this.sql = sql;
        this.onRow = onRow;
    }

    /** Runs the query now and then every {@code interval}. */
    public PolledQuery start(Duration interval) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> run());
        run();
        return this;
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void run() {
        // a slow database must not pile queries up: skip a tick while the last one is still running
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        pool.query(sql).execute().subscribe().with(rows -> {
            inFlight.set(false);
            if (rows.iterator().hasNext()) {
                onRow.accept(rows.iterator().next());
            }
        }, failure -> {
            inFlight.set(false);
            Log.debugf("Metrics query failed, keeping the last values: %s", failure.getMessage());
        });
    }
}
