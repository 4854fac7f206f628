package com.streambazaar.session.service;

import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.StreamSessionRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The product cards read model from {@code bazaar.products.v1}. Order-safe (the newest state wins) and a deleted
 * product leaves a tombstone that nothing revives. A deleted product also leaves every session it was in. Runs in
 * the consumer's transaction.
 */
@ApplicationScoped
public class ProductCardProjection {

    private final ProductCardRepository products;
    private final SessionProductRepository sessionProducts;
    private final StreamSessionRepository sessions;
    private final SessionEvents events;
    private final WireClock clock;

    public ProductCardProjection(ProductCardRepository products, SessionProductRepository sessionProducts,
                                 StreamSessionRepository sessions, SessionEvents events, WireClock clock) {
        this.products = products;
        this.sessionProducts = sessionProducts;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** product.created / updated / sold-out. */
    public Uni<Void> changed(ProductState state) {
        requireProduct(state);
        return products.upsert(state, false).replaceWithVoid();
    }

    /**
     * product.deleted: writes the tombstone and unlinks the product from every session and stops showcasing it, each
     * affected session publishing what changed. Writing the tombstone locks the card, so it waits for sessions being
     * linked to the product right now (they hold a share lock) and unlinks them too.
     */
    public Uni<Void> deleted(ProductState state) {
        requireProduct(state);
        return products.upsert(state, true)
                .chain(written -> written == 0 ? Uni.createFrom().voidItem() : unlinkEverywhere(state.id()));
    }

    private Uni<Void> unlinkEverywhere(UUID productId) {
        return sessionProducts.sessionsWith(productId).chain(linked -> sessions.showing(productId).chain(showing -> {
            Set<UUID> affected = new TreeSet<>(linked);
            showing.forEach(s -> affected.add(s.id));
            // lock the sessions (in id order) before touching their links, as every REST change does
            Uni<List<StreamSession>> locked = Uni.createFrom().item(new ArrayList<>());
            for (UUID sessionId : affected) {
                locked = locked.chain(list -> sessions.findForUpdate(sessionId).map(session -> {
                    if (session != null) {
                        list.add(session);
                    }
                    return list;
                }));
            }
            return locked.chain(lockedSessions -> sessionProducts.removeProduct(productId).chain(() -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (StreamSession session : lockedSessions) {
                    chain = chain.chain(() -> dropProduct(session, productId, linked.contains(session.id)));
                }
                return chain;
            }));
        }));
    }

    private Uni<Void> dropProduct(StreamSession session, UUID productId, boolean wasLinked) {
        List<String> published = new ArrayList<>();
        if (productId.equals(session.activeProductId)) {
            session.activeProductId = null;
            published.add(SessionState.SHOWCASE_CLEARED);
        }
        if (wasLinked) {
            published.add(SessionState.PRODUCTS_CHANGED);
        }
        session.updatedAt = clock.after(session.updatedAt);
        Log.infof("Product %s was deleted in the catalog; removed from session %s", productId, session.id);
        return events.publish(session, published).replaceWithVoid();
    }

    private static void requireProduct(ProductState state) {
        if (state.id() == null || state.name() == null || state.price() == null || state.updatedAt() == null
                || state.sellerId() < 1) {
            throw new MalformedEventException("product state lacks id, name, price, sellerId or updatedAt");
        }
    }
}
