package com.streambazaar.session.rest;

import com.streambazaar.common.security.Caller;
import com.streambazaar.session.repository.ProductCard;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionProduct;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.UserCard;
import com.streambazaar.session.repository.UserCardRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders sessions as clients see them, with creator cards from the users read model. Runs inside a session. */
@ApplicationScoped
public class SessionViews {

    private final UserCardRepository users;
    private final ProductCardRepository products;
    private final SessionProductRepository sessionProducts;

    public SessionViews(UserCardRepository users, ProductCardRepository products,
                        SessionProductRepository sessionProducts) {
        this.users = users;
        this.products = products;
        this.sessionProducts = sessionProducts;
    }

    public Uni<SessionJson> session(StreamSession session, Optional<Caller> caller) {
        return sessions(List.of(session), caller).map(list -> list.get(0));
    }

    public Uni<List<SessionJson>> sessions(List<StreamSession> sessions, Optional<Caller> caller) {
        Set<Long> creatorIds = sessions.stream().map(s -> s.creatorId).collect(Collectors.toSet());
        return users.byIds(creatorIds).map(cards -> sessions.stream()
                .map(session -> json(session, cards.get(session.creatorId), caller))
                .toList());
    }

    /** The session with its showcased product and its products in display order. */
    public Uni<SessionDetailJson> detail(StreamSession session, Optional<Caller> caller) {
        return session(session, caller).chain(json -> sessionProducts.ofSession(session.id, null)
                .chain(links -> products.findLive(links.stream().map(link -> link.productId).toList())
                        .chain(cards -> activeProduct(session, cards).map(active -> SessionDetailJson.of(json,
                                ProductJson.of(active),
                                links.stream().map(link -> cards.get(link.productId)).filter(Objects::nonNull)
                                        .map(ProductJson::of).toList())))));
    }

    public Uni<List<SessionProductJson>> sessionProducts(List<SessionProduct> links) {
        return products.findLive(links.stream().map(link -> link.productId).toList())
                .map(cards -> links.stream().map(link -> sessionProduct(link, cards.get(link.productId))).toList());
    }

    public static SessionProductJson sessionProduct(SessionProduct link, ProductCard card) {
        return new SessionProductJson(link.id, link.sessionId, link.productId, link.featured, link.displayOrder,
                link.createdAt, ProductJson.of(card));
    }

    private Uni<ProductCard> activeProduct(StreamSession session, Map<java.util.UUID, ProductCard> linked) {
        if (session.activeProductId == null) {
            return Uni.createFrom().nullItem();
        }
        ProductCard card = linked.get(session.activeProductId);
        return card != null ? Uni.createFrom().item(card) : products.findLive(session.activeProductId);
    }

    static SessionJson json(StreamSession s, UserCard creator, Optional<Caller> caller) {
        boolean owner = caller.map(c -> c.userId() == s.creatorId).orElse(false);
        CreatorCard card;
        if (creator != null) {
            card = new CreatorCard(s.creatorId, creator.username, creator.role);
        } else {
            String username = owner && caller.get().username() != null ? caller.get().username() : s.creatorUsername;
            card = new CreatorCard(s.creatorId, username, owner ? caller.get().role() : null);
        }
        return new SessionJson(s.id, s.title, s.description, s.category, List.copyOf(s.tags), s.status, s.streamUrl,
                owner ? s.streamKey : null, s.agoraChannelName, s.scheduledAt, s.startedAt, s.endedAt, s.creatorId,
                s.activeProductId, Map.of(), s.createdAt, s.updatedAt, card);
    }
}
