package com.streambazaar.auth.repository;

import com.streambazaar.auth.model.LiveSession;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The live-session read model (rows from bazaar.sessions.v1). Runs in the caller's session or transaction. */
@ApplicationScoped
public class LiveSessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {

    /** True when the user hosts a live or paused session (as far as the session events told us). */
    public Uni<Boolean> isHosting(long creatorId) {
        return count("creatorId = ?1 and status in ('live', 'paused')", creatorId).map(n -> n > 0);
    }
}
