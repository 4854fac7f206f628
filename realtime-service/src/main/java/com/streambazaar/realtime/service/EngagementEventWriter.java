package com.streambazaar.realtime.service;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.ViewerPresence;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.realtime.config.RealtimeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What analytics counts from the rooms — views (viewer.joined / viewer.left), reactions and clicks — goes through the
 * transactional outbox in micro-batches: every {@code engagement-flush-interval} (100 ms) one transaction writes all
 * that accumulated with one batch insert. A broker outage costs nothing (the outbox holds the events until Kafka is
 * back); a database outage keeps the batch in memory and retries it (up to {@value #MAX_PENDING} events). Only a crash
 * of the replica can lose the last ~100 ms of these events. Chat is not batched: a message is stored with its event
 * before anyone sees it ({@link ChatService}).
 */
@ApplicationScoped
public class EngagementEventWriter {

    static final int MAX_PENDING = 500_000;
    private static final int MAX_BATCH = 2_000;

    private final Pool pool;
    private final Outbox outbox;
    private final LocalEcho echo;
    private final Vertx vertx;
    private final Duration interval;
    private final ConcurrentLinkedQueue<Outbox.Outgoing> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;
    private volatile boolean warnedFull;

    public EngagementEventWriter(Pool pool, Outbox outbox, LocalEcho echo, Vertx vertx, RealtimeConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.echo = echo;
        this.vertx = vertx;
        this.interval = config.engagementFlushInterval();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> flush());
    }

    /** After the room engine closed every view (its own shutdown observer runs first). */
    void stop(@Observes @Priority(5000) ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        for (int attempt = 0; attempt < 3 && size.get() > 0; attempt++) {
            try {
                writeBatch().await().atMost(Duration.ofSeconds(3));
            } catch (RuntimeException e) {
                Log.warnf("Could not write %d presence/reaction/click events at shutdown: %s", size.get(), e.getMessage());
            }
        }
    }

    public void presence(String type, ViewerPresence presence) {
        add(new Outbox.Outgoing(Topics.PRESENCE, type, presence.sessionId().toString(), presence));
    }

    public void reaction(ReactionSent reaction) {
        add(new Outbox.Outgoing(Topics.REACTIONS, ReactionSent.SENT, reaction.sessionId().toString(), reaction));
    }

    public void click(ProductClicked click) {
        add(new Outbox.Outgoing(Topics.CLICKS, ProductClicked.TYPE, click.sessionId().toString(), click));
    }

    /** Events waiting for the next batch. */
    public int backlog() {
        return size.get();
    }

    private void add(Outbox.Outgoing event) {
        if (size.incrementAndGet() > MAX_PENDING) {
            size.decrementAndGet();
            if (!warnedFull) {
                warnedFull = true;
                Log.errorf("%d presence/reaction/click events are waiting for the database; dropping new ones until it "
                        + "answers again (check the database)", MAX_PENDING);
            }
            return;
        }
        pending.add(event);
    }

    private void flush() {
        if (size.get() == 0 || !flushing.compareAndSet(false, true)) {
            return;
        }
        writeBatch().subscribe().with(written -> {
            flushing.set(false);
            if (size.get() >= MAX_BATCH) {
                flush();
            }
        }, failure -> flushing.set(false));
    }

    private io.smallrye.mutiny.Uni<Integer> writeBatch() {
        List<Outbox.Outgoing> batch = new ArrayList<>(Math.min(size.get(), MAX_BATCH));
        Outbox.Outgoing next;
        while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
            batch.add(next);
        }
        size.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            return io.smallrye.mutiny.Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> outbox.publishAll(connection, batch)
                        .invoke(envelopes -> {
                            // remembered before commit, so the fan-out consumer (which sees them after) skips them
                            for (EventEnvelope envelope : envelopes) {
                                if (ReactionSent.SENT.equals(envelope.type())) {
                                    echo.remember(envelope.eventId());
                                }
                            }
                        }))
                .map(envelopes -> {
                    warnedFull = false;
                    return envelopes.size();
                })
                .onFailure().invoke(failure -> {
                    Log.warnf("Could not store %d presence/reaction/click events yet (%s); retrying", batch.size(),
                            failure.getMessage());
                    // back in front of newer ones is not possible with this queue; order across batches matters only
                    // per view (joined before left), which the retry keeps because a view's events share a batch or
                    // the later one is still queued behind
                    List<Outbox.Outgoing> retry = new ArrayList<>(batch);
                    retry.addAll(drainAll());
                    pending.addAll(retry);
                    size.addAndGet(batch.size());
                });
    }

    private List<Outbox.Outgoing> drainAll() {
        List<Outbox.Outgoing> rest = new ArrayList<>();
        Outbox.Outgoing next;
        while ((next = pending.poll()) != null) {
            rest.add(next);
        }
        return rest;
    }
}
