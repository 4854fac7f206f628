package com.streambazaar.common.outbox;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.observability.TraceParent;
import com.streambazaar.common.time.WireClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the caller's database transaction. The event reaches Kafka only if that
 * transaction commits ({@link OutboxRelay} sends it right after), and is never lost when the broker is down.
 */
@ApplicationScoped
public class Outbox {

    static final int DATA_VERSION = 1;
    // traceparent: the writing span's context (null when tracing is off), sent by the relay as a record header
    private static final String INSERT = "insert into outbox_event (id, topic, event_key, payload, traceparent) values ";

    private final EventJson json;
    private final WireClock clock;
    private final String source;

    public Outbox(EventJson json, WireClock clock, @ConfigProperty(name = "quarkus.application.name") String source) {
        this.json = json;
        this.clock = clock;
        this.source = source;
    }

    /**
     * Must run inside {@code @WithTransaction} / {@code Panache.withTransaction}: writing outside a
     * transaction would publish state that may never commit.
     */
    public Uni<EventEnvelope> publish(String topic, String type, String key, Object data) {
        EventEnvelope envelope = envelope(type, key, data);
        String traceparent = TraceParent.current();
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.publish(" + type + ") called outside a transaction"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT + "(:id, :topic, :key, :payload, :traceparent)")
                        .setParameter("id", envelope.eventId())
                        .setParameter("topic", topic)
                        .setParameter("key", key)
                        .setParameter("payload", json.write(envelope))
                        .setParameter("traceparent", traceparent)
                        .executeUpdate())
                .replaceWith(envelope);
    }

    /**
     * The same on a plain reactive connection, for code that writes with the reactive client instead of Hibernate.
     * The connection must be inside a transaction ({@code pool.withTransaction}).
     */
    public Uni<EventEnvelope> publish(SqlConnection connection, String topic, String type, String key, Object data) {
        EventEnvelope envelope = envelope(type, key, data);
        return connection.preparedQuery(INSERT + "($1, $2, $3, $4, $5)")
                .execute(Tuple.of(envelope.eventId(), topic, key, json.write(envelope), TraceParent.current()))
                .replaceWith(envelope);
    }

    /** One event for {@link #publishAll}. */
    public record Outgoing(String topic, String type, String key, Object data) {
    }

    /** Many events in one round trip (a batch insert), on a connection inside a transaction; keeps their order. */
    public Uni<List<EventEnvelope>> publishAll(SqlConnection connection, List<Outgoing> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        List<Tuple> rows = new ArrayList<>(events.size());
        String traceparent = TraceParent.current();
        for (Outgoing event : events) {
            EventEnvelope envelope = envelope(event.type(), event.key(), event.data());
            envelopes.add(envelope);
            rows.add(Tuple.of(envelope.eventId(), event.topic(), event.key(), json.write(envelope), traceparent));
        }
        return connection.preparedQuery(INSERT + "($1, $2, $3, $4, $5)").executeBatch(rows).replaceWith(envelopes);
    }

    private EventEnvelope envelope(String type, String key, Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, DATA_VERSION, clock.now(), source, key,
                json.mapper().valueToTree(data));
    }
}
