package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.repository.SessionProduct;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.StreamSessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Creating, editing and deleting sessions; every change commits together with its events. */
@ApplicationScoped
public class SessionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StreamSessionRepository sessions;
    private final SessionProductRepository sessionProducts;
    private final SellerProducts sellerProducts;
    private final SessionAccess access;
    private final SessionLifecycle lifecycle;
    private final SessionEvents events;
    private final UnseenProducts unseen;

    public SessionService(StreamSessionRepository sessions, SessionProductRepository sessionProducts,
                          SellerProducts sellerProducts, SessionAccess access, SessionLifecycle lifecycle,
                          SessionEvents events, UnseenProducts unseen) {
        this.unseen = unseen;
        this.sessions = sessions;
        this.sessionProducts = sessionProducts;
        this.sellerProducts = sellerProducts;
        this.access = access;
        this.lifecycle = lifecycle;
        this.events = events;
    }

    /**
     * A new scheduled session; its products are checked first, so a bad product id creates nothing. Products the read
     * model has not seen yet are asked of catalog-service before the transaction starts (no connection waits on it).
     */
    public Uni<StreamSession> create(Caller caller, SessionInput input) {
        List<UUID> productIds = input.productIds().orElse(List.of());
        return unseen.fetch(productIds).chain(fetched -> Panache.withTransaction(() ->
                createChecked(caller, input, productIds, fetched)));
    }

    private Uni<StreamSession> createChecked(Caller caller, SessionInput input, List<UUID> productIds,
                                             List<ProductState> fetched) {
        return access.requireActive(caller)
                .chain(() -> sellerProducts.requireOwned(productIds, caller.userId(), "productIds", fetched))
                .chain(owned -> {
            Instant now = SessionClock.now();
            StreamSession session = new StreamSession();
            session.id = UUID.randomUUID();
            session.title = input.title().value();
            session.description = input.description().value();
            session.category = input.category().value();
            session.tags = new ArrayList<>(input.tags().orElse(List.of()));
            session.status = SessionState.STATUS_SCHEDULED;
            session.streamUrl = input.streamUrl().value();
            session.streamKey = input.streamKey().value() != null ? input.streamKey().value() : newStreamKey();
            session.agoraChannelName = StreamTokens.channelName(session.id);
            session.scheduledAt = input.scheduledAt().value();
            session.creatorId = caller.userId();
            session.creatorUsername = caller.username();
            session.createdAt = now;
            session.updatedAt = now;
            session.refreshSearchText();
            return sessions.persist(session)
                    .chain(() -> link(session.id, productIds, 0))
                    .chain(() -> events.publish(session, SessionState.CREATED))
                    .replaceWith(session);
        });
    }

    /**
     * Applies the present fields. {@code productIds} replaces the session's products (in that order); a
     * {@code status} different from the current one goes through the state machine like {@code PATCH /status}.
     */
    public Uni<StreamSession> update(Caller caller, UUID id, SessionInput input) {
        List<UUID> productIds = input.productIds().orElse(List.of());
        return unseen.fetch(productIds).chain(fetched -> Panache.withTransaction(() ->
                updateChecked(caller, id, input, fetched)));
    }

    private Uni<StreamSession> updateChecked(Caller caller, UUID id, SessionInput input, List<ProductState> fetched) {
        return access.forChange(id, caller).chain(session -> {
            String targetStatus = input.status().present() && !Objects.equals(input.status().value(), session.status)
                    ? input.status().value() : null;
            if (targetStatus != null) {
                SessionLifecycle.requireAllowed(session, targetStatus);
            }
            if (input.title().present()) {
                session.title = input.title().value();
            }
            if (input.description().present()) {
                session.description = input.description().value();
            }
            if (input.category().present()) {
                session.category = input.category().value();
            }
            if (input.tags().present()) {
                session.tags = new ArrayList<>(input.tags().value());
            }
            if (input.streamUrl().present()) {
                session.streamUrl = input.streamUrl().value();
            }
            if (input.streamKey().present() && input.streamKey().value() != null) {
                session.streamKey = input.streamKey().value();
            }
            if (input.scheduledAt().present()) {
                session.scheduledAt = input.scheduledAt().value();
            }
            session.refreshSearchText();
            session.updatedAt = SessionClock.now();
            List<String> published = new ArrayList<>(List.of(SessionState.UPDATED));
            Uni<Void> products = Uni.createFrom().voidItem();
            if (input.productIds().present()) {
                List<UUID> productIds = input.productIds().value();
                published.add(SessionState.PRODUCTS_CHANGED);
                if (session.activeProductId != null && !productIds.contains(session.activeProductId)) {
                    session.activeProductId = null;
                    published.add(SessionState.SHOWCASE_CLEARED);
                }
                products = sellerProducts.requireOwned(productIds, session.creatorId, "productIds", fetched)
                        .chain(() -> replaceProducts(session.id, productIds));
            }
            Uni<Void> changed = products;
            if (targetStatus == null) {
                return changed.chain(() -> events.publish(session, published)).replaceWith(session);
            }
            return changed.chain(() -> lifecycle.moveTo(session, targetStatus, published));
        });
    }

    @WithTransaction
    public Uni<StreamSession> changeStatus(Caller caller, UUID id, String status) {
        return access.forChange(id, caller).chain(session -> lifecycle.moveTo(session, status, List.of()));
    }

    /** Deletes the session; a live or paused one is ended first, so rooms see it end before it disappears. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return access.forChange(id, caller).chain(session -> {
            Uni<StreamSession> ended = SessionState.STATUS_LIVE.equals(session.status)
                    || SessionState.STATUS_PAUSED.equals(session.status)
                    ? lifecycle.moveTo(session, SessionState.STATUS_ENDED, List.of())
                    : Uni.createFrom().item(session);
            return ended
                    .chain(s -> events.publish(s, SessionState.DELETED))
                    .chain(() -> sessionProducts.delete("sessionId", session.id))
                    .chain(() -> sessions.delete(session));
        });
    }

    public Uni<List<StreamSession>> listOwn(Caller caller, String status, int limit, int offset) {
        if (status != null && !SessionLifecycle.STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "status must be one of scheduled, live, paused, ended");
        }
        return sessions.listByCreator(caller.userId(), status, limit, offset);
    }

    /** Links the products in order, starting at {@code firstOrder}. */
    private Uni<Void> link(UUID sessionId, List<UUID> productIds, int firstOrder) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Instant now = SessionClock.now();
        for (int i = 0; i < productIds.size(); i++) {
            SessionProduct link = new SessionProduct();
            link.id = UUID.randomUUID();
            link.sessionId = sessionId;
            link.productId = productIds.get(i);
            link.displayOrder = firstOrder + i;
            link.createdAt = now;
            chain = chain.chain(() -> sessionProducts.persist(link).replaceWithVoid());
        }
        return chain;
    }

    /** Makes the session's products exactly {@code productIds}, in that display order; featured flags are kept. */
    private Uni<Void> replaceProducts(UUID sessionId, List<UUID> productIds) {
        return sessionProducts.ofSession(sessionId, null).chain(current -> {
            List<UUID> removed = current.stream().map(link -> link.productId)
                    .filter(productId -> !productIds.contains(productId)).toList();
            Uni<Void> chain = sessionProducts.removeFromSession(sessionId, removed).replaceWithVoid();
            Instant now = SessionClock.now();
            for (int i = 0; i < productIds.size(); i++) {
                UUID productId = productIds.get(i);
                int order = i;
                SessionProduct existing = current.stream().filter(link -> link.productId.equals(productId))
                        .findFirst().orElse(null);
                if (existing != null) {
                    existing.displayOrder = order;
                } else {
                    SessionProduct link = new SessionProduct();
                    link.id = UUID.randomUUID();
                    link.sessionId = sessionId;
                    link.productId = productId;
                    link.displayOrder = order;
                    link.createdAt = now;
                    chain = chain.chain(() -> sessionProducts.persist(link).replaceWithVoid());
                }
            }
            return chain;
        });
    }

    private static String newStreamKey() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return "sk_" + HexFormat.of().formatHex(bytes);
    }
}
