package com.streambazaar.session.service;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.session.repository.ProductCard;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.UserCard;
import com.streambazaar.session.repository.UserCardRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Publishes {@code bazaar.sessions.v1} events through the outbox. Must run inside the transaction of the change:
 * each event carries the session's full state as it will be committed.
 */
@ApplicationScoped
public class SessionEvents {

    private final Outbox outbox;
    private final SessionProductRepository sessionProducts;
    private final ProductCardRepository products;
    private final UserCardRepository users;

    public SessionEvents(Outbox outbox, SessionProductRepository sessionProducts, ProductCardRepository products,
                         UserCardRepository users) {
        this.outbox = outbox;
        this.sessionProducts = sessionProducts;
        this.products = products;
        this.users = users;
    }

    /** Publishes one event per type, in the given order, all carrying the current state. */
    public Uni<Void> publish(StreamSession session, List<String> types) {
        if (types.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return state(session).chain(state -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String type : types) {
                chain = chain.chain(() -> outbox.publish(Topics.SESSIONS, type, session.id.toString(), state)
                        .replaceWithVoid());
            }
            return chain;
        });
    }

    public Uni<Void> publish(StreamSession session, String type) {
        return publish(session, List.of(type));
    }

    /** The session's state for an event; flushes first so the product list read here matches pending changes. */
    public Uni<SessionState> state(StreamSession session) {
        return Panache.flush()
                .chain(() -> sessionProducts.productIdsInOrder(session.id))
                .chain(productIds -> activeProduct(session)
                        .chain(active -> users.findById(session.creatorId)
                                .map(user -> toState(session, productIds, active, user))));
    }

    private Uni<ProductCard> activeProduct(StreamSession session) {
        return session.activeProductId == null ? Uni.createFrom().nullItem()
                : products.findLive(session.activeProductId);
    }

    private static SessionState toState(StreamSession s, List<java.util.UUID> productIds, ProductCard active,
                                        UserCard user) {
        return new SessionState(s.id, s.title, s.description, s.category, List.copyOf(s.tags), s.status,
                s.agoraChannelName, s.scheduledAt, s.startedAt, s.endedAt, s.creatorId,
                user != null ? user.username : s.creatorUsername, s.activeProductId, productState(active),
                productIds, s.createdAt, s.updatedAt);
    }

    static ProductState productState(ProductCard card) {
        if (card == null) {
            return null;
        }
        return new ProductState(card.id, card.name, card.description, card.price, card.originalPrice, card.category,
                card.inStock, card.stock, card.imageUrl, card.sellerId, card.createdAt, card.updatedAt);
    }
}
