package com.streambazaar.realtime.event;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.realtime.repository.SessionRoomRepository;
import com.streambazaar.realtime.repository.SessionRoomRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Keeps the session_room read model in step with bazaar.sessions.v1 (one consumer group shared by all replicas):
 * order-safe by {@code updatedAt}; {@code session.deleted} leaves a tombstone, never a hard delete.
 */
@ApplicationScoped
public class SessionRoomProjection {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final SessionRoomRepository rooms;

    public SessionRoomProjection(IdempotentConsumer consumer, EventJson json, SessionRoomRepository rooms) {
        this.consumer = consumer;
        this.json = json;
        this.rooms = rooms;
    }

    @Incoming("sessions")
    public Uni<Void> onSessionEvents(List<String> records) {
        return consumer.consumeBatch("session-room", records, (connection, envelopes) -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (EventEnvelope envelope : envelopes) {
                SessionState state = json.data(envelope, SessionState.class);
                SessionRoomRow row = new SessionRoomRow(state.id(), state.creatorId(), state.status(),
                        state.productIds() == null ? List.of() : state.productIds(), state.agoraChannelName(),
                        state.updatedAt(), SessionState.DELETED.equals(envelope.type()) ? envelope.occurredAt() : null);
                chain = chain.chain(() -> rooms.upsert(connection, row));
            }
            return chain;
        });
    }
}
