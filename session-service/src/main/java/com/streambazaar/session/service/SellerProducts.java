package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.session.repository.ProductCard;
import com.streambazaar.session.repository.ProductCardRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A session may only show products its creator sells; unknown, deleted or foreign products are a 400. Runs in the
 * caller's transaction; products just read from catalog-service ({@link UnseenProducts}) are stored first.
 */
@ApplicationScoped
public class SellerProducts {

    private final ProductCardRepository products;

    public SellerProducts(ProductCardRepository products) {
        this.products = products;
    }

    public Uni<Map<UUID, ProductCard>> requireOwned(List<UUID> productIds, long sellerId, String field,
                                                    List<ProductState> unseen) {
        Uni<Void> stored = Uni.createFrom().voidItem();
        for (ProductState state : unseen) {
            stored = stored.chain(() -> products.upsert(state, false).replaceWithVoid());
        }
        return stored.chain(() -> products.lockLive(productIds)).map(cards -> {
            for (UUID id : productIds) {
                ProductCard card = cards.get(id);
                if (card == null) {
                    throw ApiException.badRequest(field, "Product " + id + " does not exist");
                }
                if (card.sellerId != sellerId) {
                    throw ApiException.badRequest(field, "Product " + id + " is not sold by the session's creator");
                }
            }
            return cards;
        });
    }
}
