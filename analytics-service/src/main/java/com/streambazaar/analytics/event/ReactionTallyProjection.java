package com.streambazaar.analytics.event;

import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.ReactionSent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Counts every reaction exactly once (the eventId dedupe makes redelivery harmless). */
@ApplicationScoped
public class ReactionTallyProjection {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final ReactionTallyRepository tallies;

    public ReactionTallyProjection(IdempotentConsumer consumer, EventJson json, ReactionTallyRepository tallies) {
        this.consumer = consumer;
        this.json = json;
        this.tallies = tallies;
    }

    @Incoming("reactions")
    public Uni<Void> onReaction(String record) {
        return consumer.consume("reaction-tally", record, envelope -> {
            ReactionSent reaction = json.data(envelope, ReactionSent.class);
            if (reaction.sessionId() == null || !ReactionSent.TYPES.contains(reaction.type())) {
                throw new MalformedEventException("unknown reaction type " + reaction.type());
            }
            return tallies.increment(reaction.sessionId(), reaction.type());
        });
    }
}
