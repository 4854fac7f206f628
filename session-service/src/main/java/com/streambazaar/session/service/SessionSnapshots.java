package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.session.repository.ProductCard;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.UserCardRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads what a session answer or event shows, with as few reads as possible. Runs in the caller's session. */
@ApplicationScoped
public class SessionSnapshots {

    private final UserCardRepository users;
    private final ProductCardRepository products;
    private final SessionProductRepository links;

    public SessionSnapshots(UserCardRepository users, ProductCardRepository products, SessionProductRepository links) {
        this.users = users;
        this.products = products;
        this.links = links;
    }

    /** The complete state; flushes first, so pending changes of this transaction are what is read. */
    public Uni<SessionSnapshot> of(StreamSession session) {
        return Panache.flush()
                .chain(() -> links.ofSession(session.id, null))
                .chain(inOrder -> activeProduct(session)
                        .chain(active -> users.findById(session.creatorId)
                                .map(creator -> new SessionSnapshot(SessionCard.of(session, creator),
                                        inOrder.stream().map(link -> link.productId).toList(),
                                        inOrder.stream().filter(link -> link.featured).map(link -> link.productId)
                                                .toList(),
                                        state(active)))));
    }

    /** The session with its live products in display order. */
    public Uni<SessionDetails> details(StreamSession session) {
        return of(session).chain(snapshot -> products.findLive(snapshot.productIds())
                .map(cards -> new SessionDetails(snapshot, snapshot.productIds().stream().map(cards::get)
                        .filter(Objects::nonNull).map(SessionSnapshots::state).toList())));
    }

    /** Cards of many sessions, their creators read in one query. */
    public Uni<List<SessionCard>> cards(List<StreamSession> sessions) {
        Set<Long> creatorIds = sessions.stream().map(s -> s.creatorId).collect(Collectors.toSet());
        return users.byIds(creatorIds).map(creators -> sessions.stream()
                .map(session -> SessionCard.of(session, creators.get(session.creatorId))).toList());
    }

    private Uni<ProductCard> activeProduct(StreamSession session) {
        return session.activeProductId == null ? Uni.createFrom().nullItem() : products.findLive(session.activeProductId);
    }

    /** A product card as the contract's product state (also what answers show of a product). */
    static ProductState state(ProductCard card) {
        if (card == null) {
            return null;
        }
        return new ProductState(card.id, card.name, card.description, card.price, card.originalPrice, card.category,
                card.inStock, card.stock, card.imageUrl, card.sellerId, card.createdAt, card.updatedAt);
    }

    static Map<UUID, ProductState> states(Map<UUID, ProductCard> cards) {
        return cards.values().stream().collect(Collectors.toMap(card -> card.id, SessionSnapshots::state));
    }
}
