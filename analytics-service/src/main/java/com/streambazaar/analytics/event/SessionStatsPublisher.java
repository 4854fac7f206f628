package com.streambazaar.analytics.event;

import com.streambazaar.analytics.config.AnalyticsConfig;
import com.streambazaar.analytics.service.LiveStats;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.time.WireClock;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes every live session's figures on {@code bazaar.session-stats.v1} every 2 s (and an ended session's final
 * ones for a few seconds after its end).
 *
 * <p>Straight to Kafka, not through the outbox: each event is a complete snapshot replaced 2 s later, so one lost while
 * the broker is away costs nothing, while the outbox would write and delete a row per live session every 2 s. One
 * replica publishes at a time: the one holding the {@code session-stats} lease in Postgres, renewed every tick and
 * taken over by another replica once it lapses (a crash costs at most one lease period of silence). Should two
 * replicas overlap at a hand-over, consumers keep the event with the newest {@code at}, so a duplicate is harmless.
 */
@ApplicationScoped
public class SessionStatsPublisher {

    static final String LEASE = "session-stats";

    private final AnalyticsConfig config;
    private final LiveStats stats;
    private final EventJson json;
    private final WireClock clock;
    private final Vertx vertx;
    private final Map<String, Object> kafkaConfig;
    private final String source;
    private final String holder = "analytics-" + UUID.randomUUID();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean leader;
    private ExecutorService sender;
    private Producer<String, String> producer;
    private long timer = -1;

    public SessionStatsPublisher(AnalyticsConfig config, LiveStats stats, EventJson json, WireClock clock,
                                 Vertx vertx, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                                 @ConfigProperty(name = "quarkus.application.name") String source) {
        this.config = config;
        this.stats = stats;
        this.json = json;
        this.clock = clock;
        this.vertx = vertx;
        this.kafkaConfig = kafkaConfig;
        this.source = source;
    }

    void start(@Observes StartupEvent event) {
        if (!config.stats().enabled()) {
            Log.info("Publishing of session-stats is disabled on this replica (analytics.stats.enabled=false)");
            return;
        }
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "session-stats-sender");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a snapshot not sent within one tick is stale: give up on it rather than queue it
        long interval = config.stats().interval().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, interval);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) interval);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) interval + 10);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "session-stats-" + holder);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        timer = vertx.setPeriodic(interval, id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (leader) {
            stats.release(LEASE, holder).subscribe().with(ok -> { }, failure -> { });
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
        }
        if (sender != null) {
            sender.shutdownNow();
        }
    }

    /** One round; rounds never overlap on one replica. */
    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        round().subscribe().with(count -> ticking.set(false), failure -> {
            ticking.set(false);
            Log.warnf("Publishing session-stats failed this round, will retry in %s: %s", config.stats().interval(),
                    failure.getMessage());
        });
    }

    Uni<Integer> round() {
        return stats.round(LEASE, holder, config.stats().lease(), config.stats().afterEnd(), clock.now())
                .map(round -> {
                    if (round.leader() != leader) {
                        Log.infof("This replica %s publishing session-stats", round.leader() ? "is now" : "is no longer");
                        leader = round.leader();
                    }
                    send(round.snapshots());
                    return round.snapshots().size();
                });
    }

    private void send(List<SessionStats> snapshots) {
        for (SessionStats snapshot : snapshots) {
            String key = snapshot.sessionId().toString();
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), SessionStats.TYPE, 1, snapshot.at(), source,
                    key, json.mapper().valueToTree(snapshot));
            String payload = json.write(envelope);
            sender.execute(() -> {
                try {
                    producer.send(new ProducerRecord<>(Topics.SESSION_STATS, key, payload), (metadata, failure) -> {
                        if (failure != null) {
                            Log.debugf("A session-stats snapshot of %s was not sent (%s); the next one replaces it",
                                    key, failure.getMessage());
                        } else {
                            published.incrementAndGet();
                        }
                    });
                } catch (RuntimeException e) {
                    Log.debugf("A session-stats snapshot of %s was not sent (%s); the next one replaces it", key,
                            e.getMessage());
                }
            });
        }
    }

    /** Snapshots the broker accepted since start (for tests and metrics). */
    public long published() {
        return published.get();
    }
}
