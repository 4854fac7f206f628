package com.streambazaar.session.repository;

import com.streambazaar.common.event.contract.ProductState;
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

    /**
     * Order-safe and race-safe: a new card is inserted, a stored one replaced only by a newer state, a tombstone never
     * revived — also when the product event and a read-through from the catalog write the same card at once.
     */
    private static final String UPSERT = """
            insert into product_card (id, name, description, price, original_price, category, in_stock, stock,
                                      image_url, seller_id, created_at, updated_at, deleted, search_text)
            values (:id, :name, :description, :price, :originalPrice, :category, :inStock, :stock, :imageUrl,
                    :sellerId, :createdAt, :updatedAt, :deleted, :searchText)
            on conflict (id) do update set name = excluded.name, description = excluded.description,
                price = excluded.price, original_price = excluded.original_price, category = excluded.category,
                in_stock = excluded.in_stock, stock = excluded.stock, image_url = excluded.image_url,
                seller_id = excluded.seller_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
                search_text = excluded.search_text, deleted = product_card.deleted or excluded.deleted
            where not product_card.deleted and (product_card.updated_at < excluded.updated_at or excluded.deleted)
            """;

    /** Writes a product's state as the newest known; with {@code deleted}, leaves a tombstone. 1 = written. */
    public Uni<Integer> upsert(ProductState state, boolean deleted) {
        return getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", state.id())
                .setParameter("name", state.name())
                .setParameter("description", state.description())
                .setParameter("price", state.price())
                .setParameter("originalPrice", state.originalPrice())
                .setParameter("category", state.category())
                .setParameter("inStock", state.inStock())
                .setParameter("stock", state.stock())
                .setParameter("imageUrl", state.imageUrl())
                .setParameter("sellerId", state.sellerId())
                .setParameter("createdAt", state.createdAt())
                .setParameter("updatedAt", state.updatedAt())
                .setParameter("deleted", deleted)
                .setParameter("searchText", searchText(state))
                .executeUpdate());
    }

    /** Ids of these products that have a card, deleted ones included. */
    public Uni<List<UUID>> knownIds(Collection<UUID> ids) {
        return getSession().chain(session -> session
                .createSelectionQuery("select id from ProductCard where id in :ids", UUID.class)
                .setParameter("ids", ids)
                .getResultList());
    }

    /** What text search matches: name, description and category, lower-cased. */
    static String searchText(ProductState state) {
        StringBuilder text = new StringBuilder(state.name());
        if (state.description() != null) {
            text.append('\n').append(state.description());
        }
        if (state.category() != null) {
            text.append('\n').append(state.category());
        }
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

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

    /** A page of products matching a search, and how many match in all. */
    public record SearchPage(List<ProductCard> products, long total) {
    }

    /**
     * Products whose name, description or category contains the (lower-cased, escaped) pattern, newest first; a
     * deactivated seller's products are not offered (their cards stay for the sessions that showed them).
     */
    public Uni<SearchPage> search(String likePattern, int limit) {
        String where = "deleted = false and searchText like ?1 escape '\\' "
                + "and sellerId not in (select u.id from UserCard u where u.active = false)";
        return find(where + " order by createdAt desc, id", likePattern).range(0, limit - 1).list()
                .chain(cards -> count(where, likePattern).map(total -> new SearchPage(cards, total)));
    }
}
