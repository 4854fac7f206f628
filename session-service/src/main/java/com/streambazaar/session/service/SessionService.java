package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.session.repository.SessionProduct;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.StreamSessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Creating, reading, editing and deleting sessions; every change commits together with its events. */
@ApplicationScoped
public class SessionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StreamSessionRepository sessions;
    private final SessionProductRepository sessionProducts;
    private final SellerProducts sellerProducts;
    private final UnseenProducts unseen;
    private final SessionAccess access;
    private final SessionLifecycle lifecycle;
    private final SessionEvents events;
    private final SessionSnapshots snapshots;
    private final WireClock clock;

    public SessionService(StreamSessionRepository sessions, SessionProductRepository sessionProducts,
                          SellerProducts sellerProducts, UnseenProducts unseen, SessionAccess access,
                          SessionLifecycle lifecycle, SessionEvents events, SessionSnapshots snapshots,
                          WireClock clock) {
        this.sessions = sessions;
        this.sessionProducts = sessionProducts;
        this.sellerProducts = sellerProducts;
        this.unseen = unseen;
        this.access = access;
        this.lifecycle = lifecycle;
        this.events = events;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** The caller's own sessions, newest first. */
    @WithSession
    public Uni<List<SessionCard>> listOwn(Caller caller, SessionStatus status, PageRequest page) {
        return sessions.ofCreator(caller.userId(), status, page.limit(), page.offset())
                .chain(found -> snapshots.cards(found.sessions()));
    }

    @WithSession
    public Uni<SessionDetails> find(UUID id) {
        return access.find(id).chain(snapshots::details);
    }

    /**
     * A new scheduled session; its products are checked first, so a bad product id creates nothing. Products the read
     * model has not seen yet are asked of catalog-service before the transaction starts (no connection waits on it).
     */
    public Uni<SessionSnapshot> create(Caller caller, SessionInput input) {
        List<UUID> productIds = input.productIds().orElse(List.of());
        return unseen.fetch(productIds).chain(fetched -> Panache.withTransaction(() ->
                createChecked(caller, input, productIds, fetched)));
    }

    private Uni<SessionSnapshot> createChecked(Caller caller, SessionInput input, List<UUID> productIds,
                                               List<ProductState> fetched) {
        return access.requireActive(caller)
                .chain(() -> sellerProducts.requireOwned(productIds, caller.userId(), "productIds", fetched))
                .chain(owned -> {
                    Instant now = clock.now();
                    StreamSession session = new StreamSession();
                    session.id = UUID.randomUUID();
                    session.title = input.title().value();
                    session.description = input.description().value();
                    session.category = input.category().value();
                    session.tags = new ArrayList<>(input.tags().orElse(List.of()));
                    session.status = SessionStatus.SCHEDULED;
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
                            .chain(() -> link(session.id, productIds, now))
                            .chain(() -> events.publish(session, SessionState.CREATED));
                });
    }

    /**
     * Applies the present fields. {@code productIds} replaces the session's products (in that order); a
     * {@code status} different from the current one goes through the state machine like {@code PATCH /status}.
     */
    public Uni<SessionSnapshot> update(Caller caller, UUID id, SessionInput input) {
        List<UUID> productIds = input.productIds().orElse(List.of());
        return unseen.fetch(productIds).chain(fetched -> Panache.withTransaction(() ->
                updateChecked(caller, id, input, fetched)));
    }

    private Uni<SessionSnapshot> updateChecked(Caller caller, UUID id, SessionInput input, List<ProductState> fetched) {
        return access.forChange(id, caller).chain(session -> {
            SessionStatus target = input.status().present() && input.status().value() != session.status
                    ? input.status().value() : null;
            if (target != null) {
                SessionLifecycle.requireAllowed(session, target);
            }
            apply(session, input);
            session.updatedAt = clock.after(session.updatedAt);
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
            return products.chain(() -> target == null ? events.publish(session, published)
                    : lifecycle.moveTo(session, target, published));
        });
    }

    @WithTransaction
    public Uni<SessionSnapshot> changeStatus(Caller caller, UUID id, SessionStatus status) {
        return access.forChange(id, caller).chain(session -> lifecycle.moveTo(session, status, List.of()));
    }

    /** Deletes the session; a live or paused one is ended first, so rooms see it end before it disappears. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return access.forChange(id, caller).chain(session -> {
            Uni<SessionSnapshot> ended = session.status.isStreaming()
                    ? lifecycle.moveTo(session, SessionStatus.ENDED, List.of())
                    : Uni.createFrom().nullItem();
            return ended
                    .chain(() -> events.publish(session, SessionState.DELETED))
                    .chain(() -> sessionProducts.delete("sessionId", session.id))
                    .chain(() -> sessions.delete(session));
        });
    }

    private static void apply(StreamSession session, SessionInput input) {
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
    }

    /** Links the products in display order. */
    private Uni<Void> link(UUID sessionId, List<UUID> productIds, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < productIds.size(); i++) {
            SessionProduct link = SessionProduct.of(sessionId, productIds.get(i), i, now);
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
            Instant now = clock.now();
            for (int i = 0; i < productIds.size(); i++) {
                UUID productId = productIds.get(i);
                int order = i;
                SessionProduct existing = current.stream().filter(link -> link.productId.equals(productId))
                        .findFirst().orElse(null);
                if (existing != null) {
                    existing.displayOrder = order;
                } else {
                    SessionProduct link = SessionProduct.of(sessionId, productId, order, now);
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
