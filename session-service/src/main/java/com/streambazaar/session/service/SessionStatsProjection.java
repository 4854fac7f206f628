package com.streambazaar.session.service;

import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.session.repository.SessionStatRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The newest live figures of each session from {@code bazaar.session-stats.v1}, which rank "trending". Each event
 * carries complete figures, so the one with the newest {@code at} wins. Runs in the consumer's transaction.
 */
@ApplicationScoped
public class SessionStatsProjection {

    private final SessionStatRepository stats;

    public SessionStatsProjection(SessionStatRepository stats) {
        this.stats = stats;
    }

    public Uni<Void> apply(SessionStats figures) {
        if (figures.sessionId() == null || figures.at() == null) {
            throw new MalformedEventException("session stats lack sessionId or at");
        }
        return stats.upsertIfNewer(figures).replaceWithVoid();
    }
}
