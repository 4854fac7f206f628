package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.StreamSessionRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * An account an admin deactivated can no longer stream: its live and paused sessions end now and its scheduled ones
 * are cancelled (ended), each publishing its events, while their history stays. Runs in the consumer's transaction.
 */
@ApplicationScoped
public class DeactivatedCreators {

    private final StreamSessionRepository sessions;
    private final SessionLifecycle lifecycle;

    public DeactivatedCreators(StreamSessionRepository sessions, SessionLifecycle lifecycle) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
    }

    public Uni<Void> endSessionsOf(UserState user) {
        return sessions.unfinishedOfCreatorForUpdate(user.id()).chain(unfinished -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (StreamSession session : unfinished) {
                chain = chain.chain(() -> lifecycle.moveTo(session, SessionStatus.ENDED, List.of())
                        .invoke(() -> Log.infof("Ended session %s: its creator %d was deactivated", session.id,
                                user.id()))
                        .replaceWithVoid());
            }
            return chain;
        });
    }
}
