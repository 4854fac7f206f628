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

    public Uni<List<StreamSession>> listByCreator(long creatorId, String status, int limit, int offset) {
        String query = "creatorId = :creatorId" + (status == null ? "" : " and status = :status")
                + " order by createdAt desc, id";
        Parameters params = Parameters.with("creatorId", creatorId);
        if (status != null) {
            params.and("status", status);
        }
        return find(query, params).range(offset, offset + limit - 1).list();
    }

    /** The creator's sessions that have not ended (scheduled, live or paused), locked, in id order. */
    public Uni<List<StreamSession>> unfinishedOfCreatorForUpdate(long creatorId) {
        return find("creatorId = ?1 and status <> 'ended' order by id", creatorId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<StreamSession>> showing(UUID productId) {
        return list("activeProductId", productId);
    }

    public Uni<List<StreamSession>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }
}
