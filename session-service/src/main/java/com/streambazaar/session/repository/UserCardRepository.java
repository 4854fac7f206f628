package com.streambazaar.session.repository;

import com.streambazaar.common.event.contract.UserState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** User cards from auth-service's events. */
@ApplicationScoped
public class UserCardRepository implements PanacheRepositoryBase<UserCard, Long> {

    /** Order-safe: only a newer state replaces a card, and a deactivated account stays deactivated. */
    private static final String UPSERT = """
            insert into user_card (id, username, role, created_at, updated_at, active, deactivated_at)
            values (:id, :username, :role, :createdAt, :updatedAt, :active, :deactivatedAt)
            on conflict (id) do update set username = excluded.username, role = excluded.role,
                created_at = excluded.created_at, updated_at = excluded.updated_at,
                active = user_card.active and excluded.active,
                deactivated_at = coalesce(user_card.deactivated_at, excluded.deactivated_at)
            where user_card.updated_at < excluded.updated_at or (user_card.active and not excluded.active)
            """;

    /** @return 1 when the card was written, 0 when the stored one was newer */
    public Uni<Integer> upsert(UserState state) {
        return getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", state.id())
                .setParameter("username", state.username())
                .setParameter("role", state.role())
                .setParameter("createdAt", state.createdAt())
                .setParameter("updatedAt", state.updatedAt())
                .setParameter("active", state.active())
                .setParameter("deactivatedAt", state.deactivatedAt())
                .executeUpdate());
    }

    /** False only for an account auth-service deactivated (unknown users are taken as active). */
    public Uni<Boolean> isActive(long id) {
        return getSession().chain(session -> session
                .createSelectionQuery("select active from UserCard where id = :id", Boolean.class)
                .setParameter("id", id)
                .getSingleResultOrNull())
                .map(active -> active == null || active);
    }

    public Uni<Map<Long, UserCard>> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1", ids)
                .map(cards -> cards.stream().collect(Collectors.toMap(card -> card.id, Function.identity())));
    }
}
