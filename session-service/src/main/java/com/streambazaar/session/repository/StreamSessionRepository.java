package com.streambazaar.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/** Sessions: lookups, the owner's list and the locked read every state change starts from. */
@ApplicationScoped
public class StreamSessionRepository implements PanacheRepositoryBase<StreamSession, UUID> {

    /** Reads the session and locks its row, so concurrent transitions of one session run one after another. */
    public Uni<StreamSession> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The creator's sessions, newest first, and how many there are. */
    public Uni<SessionPage> ofCreator(long creatorId, SessionStatus status, int limit, int offset) {
        String where = "creatorId = :creatorId" + (status == null ? "" : " and status = :status");
        Parameters params = Parameters.with("creatorId", creatorId);
        if (status != null) {
            params.and("status", status);
        }
        return find(where + " order by createdAt desc, id", params).range(offset, offset + limit - 1).list()
                .chain(list -> count(where, params).map(total -> new SessionPage(list, total)));
    }

    /** The creator's sessions that have not ended (scheduled, live or paused), locked, in id order. */
    public Uni<List<StreamSession>> unfinishedOfCreatorForUpdate(long creatorId) {
        return find("creatorId = ?1 and status <> ?2 order by id", creatorId, SessionStatus.ENDED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<StreamSession>> showing(UUID productId) {
        return list("activeProductId", productId);
    }
}
