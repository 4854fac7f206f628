package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.repository.ProductCard;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionProduct;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.StreamSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A session's products (only products its creator sells) and the showcase. Every change publishes
 * {@code session.products-changed} (and {@code showcase-cleared} when the showcased product leaves).
 */
@ApplicationScoped
public class SessionProductService {

    private final SessionAccess access;
    private final SessionProductRepository links;
    private final ProductCardRepository products;
    private final SellerProducts sellerProducts;
    private final SessionEvents events;
    private final UnseenProducts unseen;

    public SessionProductService(SessionAccess access, SessionProductRepository links, ProductCardRepository products,
                                 SellerProducts sellerProducts, SessionEvents events, UnseenProducts unseen) {
        this.unseen = unseen;
        this.access = access;
        this.links = links;
        this.products = products;
        this.sellerProducts = sellerProducts;
        this.events = events;
    }

    /** A session product with its card. */
    public record Linked(SessionProduct link, ProductCard product) {
    }

    /** What the session shows now. */
    public record Showcase(StreamSession session, ProductCard product) {
    }

    @WithSession
    public Uni<List<SessionProduct>> list(UUID sessionId, Boolean featured) {
        return access.find(sessionId).chain(session -> links.ofSession(sessionId, featured));
    }

    /** Adds one of the creator's products; one created a moment ago is asked of catalog-service (read-your-writes). */
    public Uni<Linked> add(Caller caller, UUID sessionId, UUID productId, boolean featured, Integer displayOrder) {
        return unseen.fetch(List.of(productId)).chain(fetched -> Panache.withTransaction(() ->
                addChecked(caller, sessionId, productId, featured, displayOrder, fetched)));
    }

    private Uni<Linked> addChecked(Caller caller, UUID sessionId, UUID productId, boolean featured,
                                   Integer displayOrder, List<ProductState> fetched) {
        return access.forChange(sessionId, caller).chain(session -> sellerProducts
                .requireOwned(List.of(productId), session.creatorId, "productId", fetched)
                .chain(cards -> links.find(sessionId, productId).chain(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("product_already_in_session",
                                "Product " + productId + " is already in this session");
                    }
                    Uni<Integer> order = displayOrder != null ? Uni.createFrom().item(displayOrder)
                            : links.nextOrder(sessionId);
                    return order.chain(position -> {
                        SessionProduct link = new SessionProduct();
                        link.id = UUID.randomUUID();
                        link.sessionId = sessionId;
                        link.productId = productId;
                        link.featured = featured;
                        link.displayOrder = position;
                        link.createdAt = SessionClock.now();
                        return links.persist(link).chain(() -> changed(session, List.of()))
                                .replaceWith(new Linked(link, cards.get(productId)));
                    });
                })));
    }

    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID sessionId, UUID productId) {
        return access.forChange(sessionId, caller).chain(session -> linkOf(sessionId, productId).chain(link -> {
            List<String> extra = new ArrayList<>();
            if (productId.equals(session.activeProductId)) {
                session.activeProductId = null;
                extra.add(SessionState.SHOWCASE_CLEARED);
            }
            return links.delete(link).chain(() -> changed(session, extra));
        }));
    }

    @WithTransaction
    public Uni<Linked> feature(Caller caller, UUID sessionId, UUID productId, boolean featured) {
        return access.forChange(sessionId, caller).chain(session -> linkOf(sessionId, productId).chain(link -> {
            if (link.featured == featured) {
                return withCard(link);
            }
            link.featured = featured;
            return changed(session, List.of()).chain(() -> withCard(link));
        }));
    }

    @WithTransaction
    public Uni<Linked> order(Caller caller, UUID sessionId, UUID productId, int displayOrder) {
        return access.forChange(sessionId, caller).chain(session -> linkOf(sessionId, productId).chain(link -> {
            if (link.displayOrder == displayOrder) {
                return withCard(link);
            }
            link.displayOrder = displayOrder;
            return changed(session, List.of()).chain(() -> withCard(link));
        }));
    }

    /** Makes exactly these products featured (all must be in the session); returns them in display order. */
    @WithTransaction
    public Uni<List<ProductCard>> setFeatured(Caller caller, UUID sessionId, List<UUID> productIds) {
        return access.forChange(sessionId, caller).chain(session -> links.ofSession(sessionId, null).chain(all -> {
            for (UUID productId : productIds) {
                if (all.stream().noneMatch(link -> link.productId.equals(productId))) {
                    throw ApiException.badRequest("productIds", "Product " + productId + " is not in this session");
                }
            }
            boolean anyChange = false;
            for (SessionProduct link : all) {
                boolean featured = productIds.contains(link.productId);
                anyChange |= link.featured != featured;
                link.featured = featured;
            }
            List<UUID> featuredInOrder = all.stream().filter(link -> link.featured).map(link -> link.productId).toList();
            Uni<Void> published = anyChange ? changed(session, List.of()) : Uni.createFrom().voidItem();
            return published.chain(() -> products.findLive(featuredInOrder))
                    .map(cards -> featuredInOrder.stream().map(cards::get).filter(Objects::nonNull).toList());
        }));
    }

    /**
     * Shows a product of the session to the room, or clears the showcase ({@code productId} null). Only while the
     * session is live or paused (409 with the current status otherwise).
     */
    @WithTransaction
    public Uni<Showcase> showcase(Caller caller, UUID sessionId, UUID productId) {
        return access.forChange(sessionId, caller).chain(session -> {
            if (!SessionState.STATUS_LIVE.equals(session.status) && !SessionState.STATUS_PAUSED.equals(session.status)) {
                throw new ApiException(409, "session_not_live", "Products can be showcased only while the session "
                        + "is live or paused (status: " + session.status + ")", Map.of("currentStatus", session.status));
            }
            if (productId == null) {
                if (session.activeProductId == null) {
                    return Uni.createFrom().item(new Showcase(session, null));
                }
                session.activeProductId = null;
                session.updatedAt = SessionClock.now();
                return events.publish(session, SessionState.SHOWCASE_CLEARED).replaceWith(new Showcase(session, null));
            }
            return links.find(sessionId, productId).chain(link -> link == null ? Uni.createFrom().nullItem()
                    : products.findLive(productId)).chain(card -> {
                if (card == null) {
                    throw ApiException.badRequest("productId", "Product " + productId + " is not part of this session");
                }
                session.activeProductId = productId;
                session.updatedAt = SessionClock.now();
                return events.publish(session, SessionState.PRODUCT_SHOWCASED).replaceWith(new Showcase(session, card));
            });
        });
    }

    private Uni<SessionProduct> linkOf(UUID sessionId, UUID productId) {
        return links.find(sessionId, productId).onItem().ifNull().failWith(() ->
                ApiException.notFound("Product " + productId + " is not in this session"));
    }

    private Uni<Linked> withCard(SessionProduct link) {
        return products.findLive(link.productId).map(card -> new Linked(link, card));
    }

    private Uni<Void> changed(StreamSession session, List<String> before) {
        session.updatedAt = SessionClock.now();
        List<String> types = new ArrayList<>(before);
        types.add(SessionState.PRODUCTS_CHANGED);
        return events.publish(session, types);
    }
}
