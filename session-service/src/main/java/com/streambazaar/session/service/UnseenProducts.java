package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.session.client.CatalogProducts;
import com.streambazaar.session.repository.ProductCardRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Read-your-writes for creators: a product created a moment ago may not have reached this service's read model yet
 * (its event is on the way), so products the read model has never seen are read from catalog-service. What is
 * found is stored in the read model by the caller's transaction (see {@link SellerProducts}); the event, when it
 * arrives, changes nothing unless it is newer.
 */
@ApplicationScoped
public class UnseenProducts {

    private final ProductCardRepository cards;
    private final CatalogProducts catalog;

    public UnseenProducts(ProductCardRepository cards, CatalogProducts catalog) {
        this.cards = cards;
        this.catalog = catalog;
    }

    /** The catalog's state of each product the read model has no card (not even a tombstone) of. */
    public Uni<List<ProductState>> fetch(List<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // a short session of its own: no connection is held while catalog-service is asked
        return Panache.withSession(() -> cards.knownIds(productIds)).chain(known -> {
            Set<UUID> missing = new HashSet<>(productIds);
            missing.removeAll(known);
            Uni<List<ProductState>> found = Uni.createFrom().item(new ArrayList<>());
            for (UUID id : missing) {
                found = found.chain(list -> catalog.find(id)
                        .onFailure(failure -> !(failure instanceof ApiException)).transform(failure ->
                                new ApiException(503, "catalog_unavailable", "Products cannot be checked right now "
                                        + "(the catalog does not answer); try again in a moment"))
                        .map(product -> add(list, product)));
            }
            return found;
        });
    }

    private static List<ProductState> add(List<ProductState> list, Optional<ProductState> product) {
        product.ifPresent(list::add);
        return list;
    }
}
