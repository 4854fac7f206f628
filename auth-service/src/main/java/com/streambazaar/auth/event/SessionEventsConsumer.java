package com.streambazaar.auth.event;

import com.streambazaar.auth.service.LiveSessionProjection;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** bazaar.sessions.v1 → the live-session read model behind GET /api/users/live. */
@ApplicationScoped
public class SessionEventsConsumer {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final LiveSessionProjection projection;

    public SessionEventsConsumer(IdempotentConsumer consumer, EventJson json, LiveSessionProjection projection) {
        this.consumer = consumer;
        this.json = json;
        this.projection = projection;
    }

    @Incoming("sessions")
    public Uni<Void> onSessionEvent(String record) {
        return consumer.consume("auth-live-sessions", record,
                envelope -> projection.apply(envelope, json.data(envelope, SessionState.class)));
    }
}
