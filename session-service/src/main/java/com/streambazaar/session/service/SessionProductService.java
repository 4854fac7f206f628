package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
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
    private final UnseenProducts unseen;
    private final SessionEvents events;
    private final WireClock clock;

    public SessionProductService(SessionAccess access, SessionProductRepository links, ProductCardRepository products,
                                 SellerProducts sellerProducts, UnseenProducts unseen, SessionEvents events,
                                 WireClock clock) {
        this.access = access;
        this.links = links;
        this.products = products;
        this.sellerProducts = sellerProducts;
        this.unseen = unseen;
        this.events = events;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<SessionProductItem>> list(UUID sessionId, Boolean featured) {
        return access.find(sessionId).chain(session -> links.ofSession(sessionId, featured)).chain(this::items);
    }

    /** Adds one of the creator's products; one created a moment ago is asked of catalog-service (read-your-writes). */
    public Uni<SessionProductItem> add(Caller caller, UUID sessionId, UUID productId, boolean featured,
                                       Integer displayOrder) {
        return unseen.fetch(List.of(productId)).chain(fetched -> Panache.withTransaction(() ->
                addChecked(caller, sessionId, productId, featured, displayOrder, fetched)));
    }

    private Uni<SessionProductItem> addChecked(Caller caller, UUID sessionId, UUID productId, boolean featured,
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
                        SessionProduct link = SessionProduct.of(sessionId, productId, position, clock.now());
                        link.featured = featured;
                        return links.persist(link).chain(() -> changed(session, List.of()))
                                .replaceWith(SessionProductItem.of(link, SessionSnapshots.state(cards.get(productId))));
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
            return links.delete(link).chain(() -> changed(session, extra)).replaceWithVoid();
        }));
    }

    @WithTransaction
    public Uni<SessionProductItem> feature(Caller caller, UUID sessionId, UUID productId, boolean featured) {
        return access.forChange(sessionId, caller).chain(session -> linkOf(sessionId, productId).chain(link -> {
            if (link.featured == featured) {
                return item(link);
            }
            link.featured = featured;
            return changed(session, List.of()).chain(() -> item(link));
        }));
    }

    @WithTransaction
    public Uni<SessionProductItem> order(Caller caller, UUID sessionId, UUID productId, int displayOrder) {
        return access.forChange(sessionId, caller).chain(session -> linkOf(sessionId, productId).chain(link -> {
            if (link.displayOrder == displayOrder) {
                return item(link);
            }
            link.displayOrder = displayOrder;
            return changed(session, List.of()).chain(() -> item(link));
        }));
    }

    /** Makes exactly these products featured (all must be in the session); returns them in display order. */
    @WithTransaction
    public Uni<List<ProductState>> setFeatured(Caller caller, UUID sessionId, List<UUID> productIds) {
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
            Uni<?> published = anyChange ? changed(session, List.of()) : Uni.createFrom().voidItem();
            return published.chain(() -> products.findLive(featuredInOrder))
                    .map(cards -> featuredInOrder.stream().map(cards::get).filter(Objects::nonNull)
                            .map(SessionSnapshots::state).toList());
        }));
    }

    /**
     * Shows a product of the session to the room, or clears the showcase ({@code productId} null). Only while the
     * session is live or paused (409 with the current status otherwise).
     */
    @WithTransaction
    public Uni<Showcase> showcase(Caller caller, UUID sessionId, UUID productId) {
        return access.forChange(sessionId, caller).chain(session -> {
            if (!session.status.isStreaming()) {
                throw new ApiException(409, "session_not_live", "Products can be showcased only while the session "
                        + "is live or paused (status: " + session.status.wire() + ")",
                        Map.of("currentStatus", session.status.wire()));
            }
            if (productId == null) {
                if (session.activeProductId == null) {
                    return Uni.createFrom().item(new Showcase(sessionId, null, null));
                }
                session.activeProductId = null;
                session.updatedAt = clock.after(session.updatedAt);
                return events.publish(session, SessionState.SHOWCASE_CLEARED)
                        .replaceWith(new Showcase(sessionId, null, null));
            }
            return links.find(sessionId, productId).chain(link -> link == null ? Uni.createFrom().nullItem()
                    : products.findLive(productId)).chain(card -> {
                if (card == null) {
                    throw ApiException.badRequest("productId", "Product " + productId + " is not part of this session");
                }
                session.activeProductId = productId;
                session.updatedAt = clock.after(session.updatedAt);
                return events.publish(session, SessionState.PRODUCT_SHOWCASED)
                        .map(snapshot -> new Showcase(sessionId, productId, snapshot.activeProduct()));
            });
        });
    }

    private Uni<SessionProduct> linkOf(UUID sessionId, UUID productId) {
        return links.find(sessionId, productId).onItem().ifNull().failWith(() ->
                ApiException.notFound("Product " + productId + " is not in this session"));
    }

    private Uni<SessionProductItem> item(SessionProduct link) {
        return products.findLive(link.productId).map(card -> SessionProductItem.of(link, SessionSnapshots.state(card)));
    }

    private Uni<List<SessionProductItem>> items(List<SessionProduct> sessionLinks) {
        return products.findLive(sessionLinks.stream().map(link -> link.productId).toList())
                .map(cards -> sessionLinks.stream()
                        .map(link -> SessionProductItem.of(link, SessionSnapshots.state(cards.get(link.productId))))
                        .toList());
    }

    private Uni<SessionSnapshot> changed(StreamSession session, List<String> before) {
        session.updatedAt = clock.after(session.updatedAt);
        List<String> types = new ArrayList<>(before);
        types.add(SessionState.PRODUCTS_CHANGED);
        return events.publish(session, types);
    }
}
