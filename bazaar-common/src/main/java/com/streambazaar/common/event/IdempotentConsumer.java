package com.streambazaar.common.event;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Function;

/**
 * Applies an event's effect at most once per consumer: the eventId is recorded in the consumer's own
 * schema in the same transaction as the effect, so Kafka's at-least-once redelivery never double-counts.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final String MARK = "insert into processed_event (consumer, event_id) values (:consumer, :eventId) "
            + "on conflict do nothing";

    private final EventJson json;

    public IdempotentConsumer(EventJson json) {
        this.json = json;
    }

    /**
     * @param consumer a stable name for this handler (its processed ids are kept apart from other handlers')
     * @param record   the raw Kafka record value
     * @param effect   the state change, run inside the transaction; it may use Panache freely
     * @return completes when the effect committed, or the event was a duplicate or unreadable
     */
    public Uni<Void> consume(String consumer, String record, Function<EventEnvelope, Uni<?>> effect) {
        EventEnvelope envelope;
        try {
            envelope = json.read(record);
        } catch (MalformedEventException e) {
            // retrying a poison record can never succeed and would stall the partition
            Log.errorf("%s skipped an unreadable event: %s", consumer, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(MARK)
                                .setParameter("consumer", consumer)
                                .setParameter("eventId", envelope.eventId())
                                .executeUpdate())
                        .chain(inserted -> inserted == 0
                                ? Uni.createFrom().voidItem()
                                : effect.apply(envelope).replaceWithVoid()))
                .onFailure(MalformedEventException.class).recoverWithItem(failure -> {
                    Log.errorf("%s skipped event %s (%s): %s", consumer, envelope.eventId(), envelope.type(),
                            failure.getMessage());
                    return null;
                })
                // a database hiccup is worth retrying before the message is given up to the failure strategy
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5);
    }
}
