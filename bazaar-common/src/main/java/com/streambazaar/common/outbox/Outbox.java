package com.streambazaar.common.outbox;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's database transaction. The event reaches Kafka only if that
 * transaction commits ({@link OutboxRelay} sends it right after), and is never lost when the broker is down.
 */
@ApplicationScoped
public class Outbox {

    static final int DATA_VERSION = 1;

    private final EventJson json;
    private final String source;

    public Outbox(EventJson json, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.json = json;
        this.source = source;
    }

    /**
     * Must run inside {@code @WithTransaction} / {@code Panache.withTransaction}: writing outside a
     * transaction would publish state that may never commit.
     */
    public Uni<EventEnvelope> publish(String topic, String type, String key, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, DATA_VERSION, Instant.now(), source, key,
                json.mapper().valueToTree(data));
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.publish(" + type + ") called outside a transaction"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(
                                "insert into outbox_event (id, topic, event_key, payload) values (:id, :topic, :key, :payload)")
                        .setParameter("id", envelope.eventId())
                        .setParameter("topic", topic)
                        .setParameter("key", key)
                        .setParameter("payload", json.write(envelope))
                        .executeUpdate())
                .replaceWith(envelope);
    }
}
