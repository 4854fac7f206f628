package com.streambazaar.session.repository;

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

    public Uni<Map<Long, UserCard>> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1", ids)
                .map(cards -> cards.stream().collect(Collectors.toMap(card -> card.id, Function.identity())));
    }
}
