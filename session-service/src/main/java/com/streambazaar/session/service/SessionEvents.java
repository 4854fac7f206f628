package com.streambazaar.session.service;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.session.repository.StreamSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Publishes {@code bazaar.sessions.v1} events through the outbox, inside the transaction of the change: each event
 * carries the session's full state as it will be committed. Returns that snapshot, which is also the answer.
 */
@ApplicationScoped
public class SessionEvents {

    private final Outbox outbox;
    private final SessionSnapshots snapshots;

    public SessionEvents(Outbox outbox, SessionSnapshots snapshots) {
        this.outbox = outbox;
        this.snapshots = snapshots;
    }

    /** One event per type, in the given order, all carrying the state after the change. */
    public Uni<SessionSnapshot> publish(StreamSession session, List<String> types) {
        return snapshots.of(session).chain(snapshot -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            var state = snapshot.toState();
            for (String type : types) {
                chain = chain.chain(() -> outbox.publish(Topics.SESSIONS, type, session.id.toString(), state)
                        .replaceWithVoid());
            }
            return chain.replaceWith(snapshot);
        });
    }

    public Uni<SessionSnapshot> publish(StreamSession session, String type) {
        return publish(session, List.of(type));
    }
}
