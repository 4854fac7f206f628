package com.streambazaar.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class SellerRepository implements PanacheRepositoryBase<Seller, Long> {

    /** Order-safe: a state older than (or as old as) the stored one changes nothing. */
    private static final String UPSERT_IF_NEWER = """
            insert into seller (id, username, role, created_at, updated_at)
            values (:id, :username, :role, :createdAt, :updatedAt)
            on conflict (id) do update set username = excluded.username, role = excluded.role,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            where seller.updated_at < excluded.updated_at""";

    /** @return 1 when the row was written, 0 when the stored state was newer */
    public Uni<Integer> upsertIfNewer(long id, String username, String role, Instant createdAt, Instant updatedAt) {
        return getSession().chain(session -> session.createNativeQuery(UPSERT_IF_NEWER)
                .setParameter("id", id)
                .setParameter("username", username)
                .setParameter("role", role)
                .setParameter("createdAt", createdAt)
                .setParameter("updatedAt", updatedAt)
                .executeUpdate());
    }
}
