package com.streambazaar.session.service;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.agora.AgoraRole;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.repository.StreamSession;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Going live and ending, and Agora tokens for the channel. start-stream follows the lifecycle like every other
 * transition: on a paused session it resumes the show; on a live or ended one it is 409 with the current status (a
 * creator who lost the publisher token asks {@code POST /api/sessions/:id/refresh-token} for a new one).
 */
@ApplicationScoped
public class StreamService {

    private final SessionAccess access;
    private final SessionLifecycle lifecycle;
    private final StreamTokens tokens;

    public StreamService(SessionAccess access, SessionLifecycle lifecycle, StreamTokens tokens) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.tokens = tokens;
    }

    @WithTransaction
    public Uni<StreamToken> start(Caller caller, UUID id) {
        return access.forChange(id, caller).chain(session -> lifecycle.moveTo(session, SessionStatus.LIVE, List.of())
                .map(snapshot -> tokens.issue(session, caller.userId(), AgoraRole.PUBLISHER)));
    }

    @WithTransaction
    public Uni<SessionSnapshot> end(Caller caller, UUID id) {
        return access.forChange(id, caller)
                .chain(session -> lifecycle.moveTo(session, SessionStatus.ENDED, List.of()));
    }

    /** A viewer's token: uid is the user id, or 0 for a guest. */
    @WithSession
    public Uni<StreamToken> subscriberToken(Optional<Caller> caller, UUID id) {
        return access.find(id).map(session -> {
            requireStreaming(session);
            return tokens.issue(session, caller.map(Caller::userId).orElse(0L), AgoraRole.SUBSCRIBER);
        });
    }

    /** A new token for a participant whose token is about to expire; only the session's creator may publish. */
    @WithSession
    public Uni<StreamToken> refresh(Optional<Caller> caller, UUID id, AgoraRole role) {
        return access.find(id).map(session -> {
            if (role == AgoraRole.PUBLISHER) {
                Caller publisher = caller.orElseThrow(() -> ApiException.unauthorized(
                        "Authentication required: only the session's creator can get a publisher token"));
                if (publisher.userId() != session.creatorId) {
                    throw ApiException.forbidden("Only the session's creator can get a publisher token");
                }
            }
            requireStreaming(session);
            return tokens.issue(session, caller.map(Caller::userId).orElse(0L), role);
        });
    }

    private static void requireStreaming(StreamSession session) {
        if (!session.status.isStreaming()) {
            throw new ApiException(400, "stream_not_active", "Session is not streaming (status: "
                    + session.status.wire() + "); tokens are issued only while it is live or paused",
                    Map.of("currentStatus", session.status.wire()));
        }
    }
}
