package com.streambazaar.session.event;

import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.session.service.SessionStatsProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each session's newest live figures from {@code bazaar.session-stats.v1}; they rank "trending". */
@ApplicationScoped
public class SessionStatsConsumer {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final SessionStatsProjection projection;

    public SessionStatsConsumer(IdempotentConsumer consumer, EventJson json, SessionStatsProjection projection) {
        this.consumer = consumer;
        this.json = json;
        this.projection = projection;
    }

    @Incoming("session-stats")
    public Uni<Void> onSessionStats(String record) {
        return consumer.consume("session-stats", record, envelope -> SessionStats.TYPE.equals(envelope.type())
                ? projection.apply(json.data(envelope, SessionStats.class))
                : Uni.createFrom().voidItem());
    }
}
