package com.streambazaar.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Product cards from the catalog's events; every read here skips deleted products. */
@ApplicationScoped
public class ProductCardRepository implements PanacheRepositoryBase<ProductCard, UUID> {

    public Uni<ProductCard> findLive(UUID id) {
        return find("id = ?1 and deleted = false", id).firstResult();
    }

    public Uni<Map<UUID, ProductCard>> findLive(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1 and deleted = false", ids)
                .map(cards -> cards.stream().collect(Collectors.toMap(card -> card.id, Function.identity())));
    }

    /**
     * Like {@link #findLive(Collection)}, but holds a share lock on the cards until the transaction ends: a
     * product.deleted arriving meanwhile waits, then unlinks what this transaction linked (and if the deletion came
     * first, the re-checked row is gone), so no session keeps a link to a deleted product.
     */
    public Uni<Map<UUID, ProductCard>> lockLive(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find("id in ?1 and deleted = false", ids).withLock(LockModeType.PESSIMISTIC_READ).list()
                .map(cards -> cards.stream().collect(Collectors.toMap(card -> card.id, Function.identity())));
    }

    /** Products whose name, description or category contains the (lower-cased, escaped) pattern. */
    public Uni<List<ProductCard>> search(String likePattern, int limit) {
        return find("deleted = false and searchText like ?1 escape '\\' order by createdAt desc, id", likePattern)
                .range(0, limit - 1).list();
    }
}
