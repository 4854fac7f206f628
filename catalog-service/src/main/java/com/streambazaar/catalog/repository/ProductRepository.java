package com.streambazaar.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id", Sort.Direction.Descending);

    /**
     * One display form per category key: the form most products use, the earliest used on a tie;
     * sorted by key (so case never splits or reorders the list).
     */
    private static final String CATEGORIES = """
            select category from (
                select distinct on (category_key) category_key, category
                from (select category_key, category, count(*) as uses, min(created_at) as first_used
                      from product where category_key is not null and seller_active
                      group by category_key, category) forms
                order by category_key, uses desc, first_used asc, category asc
            ) chosen
            order by category_key""";

    // Every read below shows only products whose seller is active (sellerActive): a deactivated seller's products are
    // kept for history but are out of the catalog, for everyone.

    public Uni<Product> findListed(UUID id) {
        return find("id = ?1 and sellerActive = true", id).firstResult();
    }

    public Uni<List<Product>> ownedBy(long sellerId) {
        return find("sellerId = ?1 and sellerActive = true", NEWEST_FIRST, sellerId).list();
    }

    public Uni<List<Product>> ownedInStock(long sellerId) {
        return find("sellerId = ?1 and sellerActive = true and inStock = true", NEWEST_FIRST, sellerId).list();
    }

    public Uni<List<Product>> ownedInCategory(long sellerId, String categoryKey) {
        return find("sellerId = ?1 and sellerActive = true and categoryKey = ?2", NEWEST_FIRST, sellerId, categoryKey)
                .list();
    }

    /** Locks the row for the rest of the transaction, so concurrent stock changes cannot both miss a sell-out. */
    public Uni<Product> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<String>> categories() {
        return getSession().chain(session -> session.createNativeQuery(CATEGORIES, String.class).getResultList());
    }

    /** The count, then the page (one session runs one statement at a time). */
    public Uni<ProductPage> search(ProductSearchCriteria criteria) {
        ProductSearchSql sql = ProductSearchSql.of(criteria);
        return getSession().chain(session -> {
            var count = session.createNativeQuery(sql.countQuery(), Long.class);
            sql.countParameters().forEach(count::setParameter);
            return count.getSingleResult().chain(total -> {
                if (total <= criteria.offset()) {
                    return Uni.createFrom().item(new ProductPage(List.of(), total));
                }
                var page = session.createNativeQuery(sql.pageQuery(), Product.class);
                sql.pageParameters().forEach(page::setParameter);
                return page.getResultList().map(products -> new ProductPage(products, total));
            });
        });
    }

    /** Products of one page and the number of all matches. */
    public record ProductPage(List<Product> products, long total) {
    }
}
