package com.streambazaar.common.event;

import com.streambazaar.common.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Applies an event's effect at most once per consumer: the eventId is recorded in the consumer's own schema in the
 * same transaction as the effect, so Kafka's at-least-once redelivery never double-counts.
 *
 * <p>A failure that is not the event's fault (database down, a dropped connection, a deadlock) is retried with backoff
 * until it succeeds: the partition waits, nothing is lost ({@link ConsumerRetries}, which also leaves work unfinished
 * for redelivery once the service stops). A poison event ({@link ConsumerFailures#isPoison}) is set aside on
 * {@code bazaar.dead-letters.v1}, logged with its eventId, and the channel goes on.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final String MARK = "insert into processed_event (consumer, event_id) values (:consumer, :eventId) "
            + "on conflict do nothing";
    private static final String MARK_MANY = "insert into processed_event (consumer, event_id) "
            + "select $1, unnest($2::uuid[]) on conflict do nothing returning event_id";

    private final EventJson json;
    private final Outbox outbox;
    private final Pool pool;
    private final ConsumerRetries retries;
    private final String service;

    public IdempotentConsumer(EventJson json, Outbox outbox, Pool pool, ConsumerRetries retries,
                              @ConfigProperty(name = "quarkus.application.name") String service) {
        this.json = json;
        this.outbox = outbox;
        this.pool = pool;
        this.retries = retries;
        this.service = service;
    }

    /**
     * @param consumer a stable name for this handler (its processed ids are kept apart from other handlers')
     * @param record   the raw Kafka record value
     * @param effect   the state change, run inside the transaction; it may use Panache freely
     * @return completes when the effect committed, or the event was a duplicate or set aside
     */
    public Uni<Void> consume(String consumer, String record, Function<EventEnvelope, Uni<?>> effect) {
        EventEnvelope envelope;
        try {
            envelope = json.read(record);
        } catch (MalformedEventException e) {
            return retryingTransientFailures(consumer, null, setAside(consumer, null, record, e));
        }
        Uni<Void> applied = Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(MARK)
                                .setParameter("consumer", consumer)
                                .setParameter("eventId", envelope.eventId())
                                .executeUpdate())
                        .chain(inserted -> inserted == 0
                                ? Uni.createFrom().voidItem()
                                : effect.apply(envelope).replaceWithVoid()))
                .onFailure(retries::isPoison)
                .recoverWithUni(failure -> setAside(consumer, envelope, record, failure));
        return retryingTransientFailures(consumer, envelope, applied);
    }

    /**
     * The same guarantees for a batch of records in one transaction, on the plain reactive client (for consumers that
     * must take thousands of events a second). The effect gets the transaction's connection and the envelopes not
     * seen before, in arrival order. When the batch fails because of a poison event, its records are applied one by one
     * so only the poison one is set aside.
     */
    public Uni<Void> consumeBatch(String consumer, List<String> records,
                                  BiFunction<SqlConnection, List<EventEnvelope>, Uni<?>> effect) {
        return consumeBatch(consumer, records, envelope -> true, effect);
    }

    /**
     * The same, recording only the events {@code recorded} selects: for a consumer whose other events are idempotent
     * by what they say (applying one twice changes nothing), so recording them would only cost a row each. The effect
     * gets every such event, and the recorded ones not seen before.
     */
    public Uni<Void> consumeBatch(String consumer, List<String> records, Predicate<EventEnvelope> recorded,
                                  BiFunction<SqlConnection, List<EventEnvelope>, Uni<?>> effect) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        Map<UUID, String> raw = new LinkedHashMap<>();
        List<Uni<Void>> unreadable = new ArrayList<>();
        for (String record : records) {
            try {
                EventEnvelope envelope = json.read(record);
                if (raw.putIfAbsent(envelope.eventId(), record) == null) {
                    envelopes.add(envelope);
                }
            } catch (MalformedEventException e) {
                unreadable.add(setAside(consumer, null, record, e));
            }
        }
        Uni<Void> setAside = unreadable.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(unreadable).andFailFast().replaceWithVoid();
        if (envelopes.isEmpty()) {
            return retryingTransientFailures(consumer, null, setAside);
        }
        Uni<Void> applied = pool.withTransaction(connection -> markNew(connection, consumer, envelopes, recorded)
                        .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                                : effect.apply(connection, fresh).replaceWithVoid()))
                .onFailure(retries::isPoison).recoverWithUni(failure -> {
                    Log.warnf("%s: a batch of %d events failed on a poison event (%s); applying them one by one",
                            consumer, envelopes.size(), ConsumerFailures.describe(failure));
                    return oneByOne(consumer, envelopes, raw, recorded, effect);
                });
        return setAside.chain(() -> retryingTransientFailures(consumer, null, applied));
    }

    private Uni<Void> oneByOne(String consumer, List<EventEnvelope> envelopes, Map<UUID, String> raw,
                               Predicate<EventEnvelope> recorded,
                               BiFunction<SqlConnection, List<EventEnvelope>, Uni<?>> effect) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EventEnvelope envelope : envelopes) {
            chain = chain.chain(() -> pool.withTransaction(connection -> markNew(connection, consumer, List.of(envelope),
                            recorded)
                            .chain(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem()
                                    : effect.apply(connection, fresh).replaceWithVoid()))
                    .onFailure(retries::isPoison)
                    .recoverWithUni(failure -> setAside(consumer, envelope, raw.get(envelope.eventId()), failure)));
        }
        return chain;
    }

    /**
     * Records the eventIds of the envelopes {@code recorded} selects; returns, in arrival order, the others and those
     * whose ids were not recorded before.
     */
    private static Uni<List<EventEnvelope>> markNew(SqlConnection connection, String consumer,
                                                    List<EventEnvelope> envelopes, Predicate<EventEnvelope> recorded) {
        UUID[] ids = envelopes.stream().filter(recorded).map(EventEnvelope::eventId).toArray(UUID[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(envelopes);
        }
        return connection.preparedQuery(MARK_MANY).execute(Tuple.of(consumer, ids)).map(rows -> {
            Set<UUID> fresh = new HashSet<>();
            for (Row row : rows) {
                fresh.add(row.getUUID("event_id"));
            }
            return envelopes.stream().filter(e -> !recorded.test(e) || fresh.contains(e.eventId())).toList();
        });
    }

    /** Writes the dead letter through the outbox and marks the event processed, in one transaction. */
    private Uni<Void> setAside(String consumer, EventEnvelope envelope, String record, Throwable failure) {
        String reason = ConsumerFailures.describe(failure);
        UUID eventId = envelope == null ? null : envelope.eventId();
        Log.errorf("%s set aside %s on %s: %s", consumer,
                envelope == null ? "an unreadable record" : "event " + eventId + " (" + envelope.type() + ", key "
                        + envelope.key() + ")", Topics.DEAD_LETTERS, reason);
        DeadLetter letter = new DeadLetter(service + "/" + consumer, eventId, envelope == null ? null : envelope.type(),
                envelope == null ? null : envelope.key(), reason, record);
        String key = envelope == null ? consumer : envelope.key();
        return pool.withTransaction(connection -> {
            Uni<?> mark = eventId == null ? Uni.createFrom().voidItem()
                    : markNew(connection, consumer, List.of(envelope), e -> true);
            return mark.chain(() -> outbox.publish(connection, Topics.DEAD_LETTERS, DeadLetter.TYPE, key, letter));
        }).replaceWithVoid();
    }

    private Uni<Void> retryingTransientFailures(String consumer, EventEnvelope envelope, Uni<Void> work) {
        return retries.untilApplied(() -> consumer + ": " + (envelope == null ? "a batch"
                : "event " + envelope.eventId() + " (" + envelope.type() + ")"), work);
    }
}
