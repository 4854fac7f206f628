package com.streambazaar.common.outbox;

import com.streambazaar.common.observability.TraceParent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves committed outbox rows to Kafka. Woken by a Postgres NOTIFY when a transaction that wrote events
 * commits, and by a periodic sweep for retries. Rows are claimed under a per-schema advisory lock with a lease, so any
 * number of replicas can relay the same schema without sending an event twice in the normal case, and the events of
 * one key leave in the order they were written; a crash between send and delete can resend, which consumers absorb
 * by deduplicating on eventId.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * Due events in insert order, skipping any event whose topic and key has an earlier event still waiting (postponed
     * after a failed send, or claimed by a relay whose send is in flight): one key's events leave in the order they
     * were written, across retries, restarts and replicas. Claiming sets {@code next_attempt_at} to the lease's end.
     */
    private static final String CLAIM = """
            update outbox_event o set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
            from (select e.id from outbox_event e
                  where e.next_attempt_at <= now()
                    and not exists (select 1 from outbox_event p
                                    where p.topic = e.topic and p.event_key = e.event_key
                                      and (p.created_at, p.id) < (e.created_at, e.id)
                                      and p.next_attempt_at > now())
                  order by e.created_at, e.id limit $1) due
            where o.id = due.id
            returning o.id, o.topic, o.event_key, o.payload, o.created_at, o.attempts, o.traceparent""";
    /**
     * Replicas claim one at a time (for the rest of the claim's transaction), so two relays never both see a key's
     * earlier event as sent and claim its successors concurrently.
     */
    private static final String CLAIM_LOCK = "select pg_advisory_xact_lock(hashtext('bazaar_outbox_claim_' || $1))";
    private static final String DELETE_SENT = "delete from outbox_event where id = any($1)";
    private static final String POSTPONE = """
            update outbox_event set next_attempt_at = now() + make_interval(secs => least($2, power(2, attempts - 1))),
                   last_error = $3
            where id = any($1)""";

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final String schema;
    private final String reactiveUrl;
    private final String dbUser;
    private final Optional<String> dbPassword;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private ExecutorService sender;
    private Producer<String, String> producer;
    private PgSubscriber subscriber;
    private long sweepTimer = -1;

    public OutboxRelay(Pool pool, Vertx vertx, OutboxConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "bazaar.db.schema") String schema,
                       @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String dbUser,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.schema = schema;
        this.reactiveUrl = reactiveUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("Outbox relay is disabled on this replica (bazaar.outbox.relay-enabled=false)");
            return;
        }
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay-" + schema);
            thread.setDaemon(true);
            return thread;
        });
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        listenForCommits();
        sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
        }
        if (sender != null) {
            sender.shutdownNow();
        }
    }

    /** Asks for a relay round; rounds never overlap on one replica, and a wake during a round causes one more. */
    public void wake() {
        wakeAgain.set(true);
        if (running.compareAndSet(false, true)) {
            round();
        }
    }

    private void round() {
        wakeAgain.set(false);
        relayBatch().subscribe().with(sent -> {
            if (sent >= config.batchSize() || wakeAgain.get()) {
                round();
            } else {
                finishRound();
            }
        }, failure -> {
            Log.warnf("Outbox relay round failed in schema %s, will retry: %s", schema, failure.getMessage());
            finishRound();
        });
    }

    private void finishRound() {
        running.set(false);
        // a wake that raced with the end of the round must not be lost
        if (wakeAgain.get() && running.compareAndSet(false, true)) {
            round();
        }
    }

    /** Claims due events, sends them in creation order, deletes the acknowledged ones. Returns how many were claimed. */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM_LOCK).execute(Tuple.of(schema))
                        .chain(() -> connection.preparedQuery(CLAIM)
                                .execute(Tuple.of(config.batchSize(), (double) config.lease().toSeconds()))))
                .chain(rows -> {
                    List<PendingEvent> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new PendingEvent(row.getUUID("id"), row.getString("topic"),
                                row.getString("event_key"), row.getString("payload"),
                                row.getOffsetDateTime("created_at"), row.getString("traceparent")));
                    }
                    if (pending.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    pending.sort(Comparator.comparing(PendingEvent::createdAt));
                    return Uni.createFrom().item(() -> send(pending))
                            .runSubscriptionOn(sender)
                            .chain(this::record)
                            .replaceWith(pending.size());
                });
    }

    /** Runs on the sender thread: KafkaProducer.send can block while the broker is unreachable. */
    private SendResult send(List<PendingEvent> pending) {
        List<UUID> sent = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        String error = null;
        List<Map.Entry<PendingEvent, Future<RecordMetadata>>> inFlight = new ArrayList<>();
        for (PendingEvent event : pending) {
            if (error != null) {
                failed.add(event.id());
                continue;
            }
            try {
                inFlight.add(Map.entry(event, producer.send(record(event))));
            } catch (RuntimeException e) {
                // the broker is unreachable: keep the rest for a later round, in order
                error = e.getMessage();
                failed.add(event.id());
            }
        }
        for (Map.Entry<PendingEvent, Future<RecordMetadata>> entry : inFlight) {
            try {
                entry.getValue().get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                sent.add(entry.getKey().id());
            } catch (Exception e) {
                error = e.getMessage();
                failed.add(entry.getKey().id());
            }
        }
        return new SendResult(sent, failed, error);
    }

    /** The record, carrying the writer's trace context so that the consumer's span continues that trace. */
    private static ProducerRecord<String, String> record(PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        if (event.traceparent() != null) {
            record.headers().add(TraceParent.HEADER, event.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private Uni<Void> record(SendResult result) {
        Uni<Void> deleted = result.sent().isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery(DELETE_SENT).execute(Tuple.of(result.sent().toArray(UUID[]::new))).replaceWithVoid();
        if (result.failed().isEmpty()) {
            return deleted;
        }
        Log.warnf("Outbox: %d event(s) of schema %s not accepted by Kafka yet (%s); retrying with backoff",
                result.failed().size(), schema, result.error());
        return deleted.chain(() -> pool.preparedQuery(POSTPONE)
                .execute(Tuple.of(result.failed().toArray(UUID[]::new), (double) config.maxBackoff().toSeconds(),
                        String.valueOf(result.error())))
                .replaceWithVoid());
    }

    private void listenForCommits() {
        PgConnectOptions options = PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(dbUser);
        dbPassword.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options);
        subscriber.reconnectPolicy(retries -> 1000L);
        subscriber.channel("bazaar_outbox_" + schema).handler(payload -> wake());
        subscriber.connect().subscribe().with(
                ignored -> Log.debugf("Outbox relay listening for commits in schema %s", schema),
                failure -> Log.warnf("Outbox relay cannot LISTEN (%s); relying on the %s sweep",
                        failure.getMessage(), config.sweepInterval()));
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        int timeout = (int) config.sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeout / 2));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-" + schema + "-" + UUID.randomUUID());
        return props;
    }

    private record PendingEvent(UUID id, String topic, String key, String payload, OffsetDateTime createdAt,
                                String traceparent) {
    }

    private record SendResult(List<UUID> sent, List<UUID> failed, String error) {
    }
}
