package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Product names (bazaar.products.v1 read model): an older state never replaces a newer one; deletion is a tombstone. */
@ApplicationScoped
public class ProductCardRepository {

    /** One product's name as of {@code updatedAt}. */
    public record ProductCard(UUID productId, String name, boolean deleted, Instant updatedAt) {
    }

    private final Pool pool;

    public ProductCardRepository(Pool pool) {
        this.pool = pool;
    }

    /** Keeps the newest state of each product (cards sorted by id, one per product). */
    public Uni<Void> save(SqlConnection connection, List<ProductCard> cards) {
        if (cards.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = cards.stream().map(ProductCard::productId).toArray(UUID[]::new);
        String[] names = cards.stream().map(ProductCard::name).toArray(String[]::new);
        Boolean[] deleted = cards.stream().map(ProductCard::deleted).toArray(Boolean[]::new);
        OffsetDateTime[] updated = cards.stream().map(c -> Sql.time(c.updatedAt())).toArray(OffsetDateTime[]::new);
        return connection.preparedQuery("""
                        insert into product_card as p (product_id, name, deleted, updated_at)
                        select * from unnest($1::uuid[], $2::text[], $3::bool[], $4::timestamptz[])
                        on conflict (product_id) do update set name = excluded.name, deleted = excluded.deleted,
                            updated_at = excluded.updated_at
                        where excluded.updated_at > p.updated_at
                           or (excluded.updated_at = p.updated_at and excluded.deleted and not p.deleted)""")
                .execute(Tuple.of(ids, names, deleted, updated)).replaceWithVoid();
    }

    /** Names by product id (tombstones keep the last name, so history still reads well). */
    public Uni<Map<UUID, String>> names(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select product_id, name from product_card where product_id = any($1)")
                .execute(Tuple.of(Sql.uuids(productIds))).map(rows -> {
                    Map<UUID, String> names = new HashMap<>();
                    rows.forEach(row -> names.put(row.getUUID("product_id"), row.getString("name")));
                    return names;
                });
    }
}
