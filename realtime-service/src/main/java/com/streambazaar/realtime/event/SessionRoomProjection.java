package com.streambazaar.realtime.event;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.realtime.repository.SessionRoom;
import com.streambazaar.realtime.repository.SessionRoomRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link SessionRoom} in step with bazaar.sessions.v1; an older state never overwrites a newer one. */
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
    public Uni<Void> onSessionEvent(String record) {
        return consumer.consume("session-room", record, this::apply);
    }

    Uni<Void> apply(EventEnvelope envelope) {
        SessionState state = json.data(envelope, SessionState.class);
        if (SessionState.DELETED.equals(envelope.type())) {
            return rooms.deleteById(state.id()).replaceWithVoid();
        }
        return rooms.findById(state.id()).chain(existing -> {
            if (existing != null && existing.updatedAt.isAfter(state.updatedAt())) {
                return Uni.createFrom().voidItem();
            }
            SessionRoom room = existing != null ? existing : new SessionRoom();
            room.sessionId = state.id();
            room.creatorId = state.creatorId();
            room.status = state.status();
            room.updatedAt = state.updatedAt();
            return rooms.persist(room).replaceWithVoid();
        });
    }
}
