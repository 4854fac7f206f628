package com.streambazaar.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class SellerRepository implements PanacheRepositoryBase<Seller, Long> {

    /** Order-safe: a state older than (or as old as) the stored one changes nothing, so a late event revives nobody. */
    private static final String UPSERT_IF_NEWER = """
            insert into seller (id, username, role, active, deactivated_at, created_at, updated_at)
            values (:id, :username, :role, :active, :deactivatedAt, :createdAt, :updatedAt)
            on conflict (id) do update set username = excluded.username, role = excluded.role,
                active = excluded.active, deactivated_at = excluded.deactivated_at,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            where seller.updated_at < excluded.updated_at""";

    /** The state the user's products follow: hidden while the seller is deactivated. */
    private static final String PRODUCTS_FOLLOW_SELLER =
            "update product set seller_active = :active where seller_id = :id and seller_active <> :active";

    /**
     * Locks the seller row until the transaction ends, so a deactivation being applied meanwhile waits for this write
     * and then hides what it wrote too.
     */
    private static final String ACTIVE_FOR_SHARE = "select active from seller where id = :id for share";

    /** @return 1 when the row was written, 0 when the stored state was newer */
    public Uni<Integer> upsertIfNewer(long id, String username, String role, boolean active, Instant deactivatedAt,
                                      Instant createdAt, Instant updatedAt) {
        return getSession().chain(session -> session.createNativeQuery(UPSERT_IF_NEWER)
                .setParameter("id", id)
                .setParameter("username", username)
                .setParameter("role", role)
                .setParameter("active", active)
                .setParameter("deactivatedAt", deactivatedAt)
                .setParameter("createdAt", createdAt)
                .setParameter("updatedAt", updatedAt)
                .executeUpdate());
    }

    /** Hides (or shows again) every product of the seller; in the transaction that changed the seller row. */
    public Uni<Integer> productsFollow(long sellerId, boolean active) {
        return getSession().chain(session -> session.createNativeQuery(PRODUCTS_FOLLOW_SELLER)
                .setParameter("active", active)
                .setParameter("id", sellerId)
                .executeUpdate());
    }

    /**
     * Whether the seller may sell, locked for the rest of the transaction; {@code null} when no user event about them
     * arrived yet (the verified token is then all we know).
     */
    public Uni<Boolean> activeForShare(long sellerId) {
        return getSession().chain(session -> session.createNativeQuery(ACTIVE_FOR_SHARE, Boolean.class)
                .setParameter("id", sellerId)
                .getSingleResultOrNull());
    }
}
