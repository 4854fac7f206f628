package com.streambazaar.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The products of each session, in display order (ties broken by when they were added). */
@ApplicationScoped
public class SessionProductRepository implements PanacheRepositoryBase<SessionProduct, UUID> {

    private static final String ORDER = " order by displayOrder, createdAt, id";

    public Uni<List<SessionProduct>> ofSession(UUID sessionId, Boolean featured) {
        if (featured == null) {
            return list("sessionId = ?1" + ORDER, sessionId);
        }
        return list("sessionId = ?1 and featured = ?2" + ORDER, sessionId, featured);
    }

    public Uni<SessionProduct> find(UUID sessionId, UUID productId) {
        return find("sessionId = ?1 and productId = ?2", sessionId, productId).firstResult();
    }

    /** Where a newly added product goes when no order is given: after the last one. */
    public Uni<Integer> nextOrder(UUID sessionId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select coalesce(max(displayOrder) + 1, 0) from SessionProduct "
                        + "where sessionId = :sessionId", Integer.class)
                .setParameter("sessionId", sessionId)
                .getSingleResult());
    }

    public Uni<List<UUID>> sessionsWith(UUID productId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select distinct sessionId from SessionProduct where productId = :productId",
                        UUID.class)
                .setParameter("productId", productId)
                .getResultList());
    }

    public Uni<Long> removeProduct(UUID productId) {
        return delete("productId", productId);
    }

    public Uni<Long> removeFromSession(UUID sessionId, List<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return delete("sessionId = :sessionId and productId in :productIds",
                Parameters.with("sessionId", sessionId).and("productIds", productIds));
    }
}
