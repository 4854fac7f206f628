package com.streambazaar.analytics.event;

import com.streambazaar.analytics.repository.AnalyticsSession;
import com.streambazaar.analytics.repository.AnalyticsSessionRepository;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link AnalyticsSession} current from bazaar.sessions.v1; an older state never overwrites a newer one. */
@ApplicationScoped
public class SessionInfoProjection {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final AnalyticsSessionRepository sessions;

    public SessionInfoProjection(IdempotentConsumer consumer, EventJson json, AnalyticsSessionRepository sessions) {
        this.consumer = consumer;
        this.json = json;
        this.sessions = sessions;
    }

    @Incoming("sessions")
    public Uni<Void> onSessionEvent(String record) {
        return consumer.consume("session-info", record, this::apply);
    }

    Uni<Void> apply(EventEnvelope envelope) {
        SessionState state = json.data(envelope, SessionState.class);
        // analytics keeps figures of deleted sessions' history out of reach by marking, not deleting
        return sessions.findById(state.id()).chain(existing -> {
            if (existing != null && existing.updatedAt.isAfter(state.updatedAt())) {
                return Uni.createFrom().voidItem();
            }
            AnalyticsSession session = existing != null ? existing : new AnalyticsSession();
            session.sessionId = state.id();
            session.creatorId = state.creatorId();
            session.title = state.title();
            session.status = SessionState.DELETED.equals(envelope.type()) ? "deleted" : state.status();
            session.startedAt = state.startedAt();
            session.endedAt = state.endedAt();
            session.updatedAt = state.updatedAt();
            return sessions.persist(session).replaceWithVoid();
        });
    }
}
