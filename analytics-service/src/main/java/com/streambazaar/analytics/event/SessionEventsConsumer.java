package com.streambazaar.analytics.event;

import com.streambazaar.analytics.service.SessionProjection;
import com.streambazaar.common.event.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Session states from session-service (bazaar.sessions.v1), in batches. */
@ApplicationScoped
public class SessionEventsConsumer {

    private final IdempotentConsumer consumer;
    private final SessionProjection projection;

    public SessionEventsConsumer(IdempotentConsumer consumer, SessionProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming("sessions")
    public Uni<Void> onSessionEvents(List<String> records) {
        return consumer.consumeBatch("session-info", records, projection::apply);
    }
}
