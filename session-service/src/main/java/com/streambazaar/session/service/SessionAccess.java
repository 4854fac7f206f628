package com.streambazaar.session.service;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.StreamSessionRepository;
import com.streambazaar.session.repository.UserCardRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Loads sessions for reading (404 when unknown) and for changing (locked, 404, then 403 unless owner or admin). */
@ApplicationScoped
public class SessionAccess {

    private final StreamSessionRepository sessions;
    private final UserCardRepository users;

    public SessionAccess(StreamSessionRepository sessions, UserCardRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    public Uni<StreamSession> find(UUID id) {
        return sessions.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    /**
     * 403 for an account auth-service deactivated: its access token stays valid for up to 15 minutes, but it may
     * no longer create or change anything.
     */
    public Uni<Void> requireActive(Caller caller) {
        return users.isActive(caller.userId()).map(active -> {
            if (!active) {
                throw ApiException.forbidden("This account has been deactivated");
            }
            return null;
        });
    }

    /** The session, row-locked for the rest of the transaction, if the caller may manage it. */
    public Uni<StreamSession> forChange(UUID id, Caller caller) {
        return requireActive(caller).chain(() -> sessions.findForUpdate(id))
                .onItem().ifNull().failWith(() -> notFound(id)).invoke(session -> {
                    if (!caller.mayManage(session.creatorId)) {
                        throw ApiException.forbidden("Only the session's creator can do this");
                    }
                });
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("Session " + id + " not found");
    }
}
