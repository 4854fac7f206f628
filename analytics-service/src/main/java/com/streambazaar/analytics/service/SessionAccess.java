package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.AnalyticsSession;
import com.streambazaar.analytics.repository.AnalyticsSessionRepository;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may read what (API.md): a session's dashboard, live viewers, viewer history and export are its creator's and
 * admins'; reactions and conversion stats are public. A deleted session is unknown (404) like one never seen.
 */
@ApplicationScoped
public class SessionAccess {

    private final AnalyticsSessionRepository sessions;

    public SessionAccess(AnalyticsSessionRepository sessions) {
        this.sessions = sessions;
    }

    /** The session, for anyone; 404 when unknown or deleted. */
    @WithSession
    public Uni<AnalyticsSession> visible(UUID sessionId) {
        return sessions.findById(sessionId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Session not found"))
                .invoke(session -> {
                    if ("deleted".equals(session.status)) {
                        throw ApiException.notFound("Session not found");
                    }
                });
    }

    /** The session, for its creator or an admin; 404 when unknown, 403 for anyone else. */
    @WithSession
    public Uni<AnalyticsSession> owned(Caller caller, UUID sessionId) {
        return visible(sessionId).invoke(session -> {
            if (!caller.mayManage(session.creatorId)) {
                throw ApiException.forbidden("Only the session's creator or an admin can read its analytics");
            }
        });
    }

    /** Creator-wide figures are the creator's own (or an admin's). */
    public static void requireCreatorOrAdmin(Caller caller, long creatorId) {
        if (!caller.mayManage(creatorId)) {
            throw ApiException.forbidden("Only that creator or an admin can read creator analytics");
        }
    }
}
