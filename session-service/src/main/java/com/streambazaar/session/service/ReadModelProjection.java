package com.streambazaar.session.service;

import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.session.repository.ProductCard;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionProductRepository;
import com.streambazaar.session.repository.SessionStat;
import com.streambazaar.session.repository.SessionStatRepository;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.StreamSessionRepository;
import com.streambazaar.session.repository.UserCardRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies other contexts' events to the local read models. Runs inside the idempotent consumer's transaction.
 * Order-safe: a state older than the stored one is ignored, and a deleted product stays deleted.
 */
@ApplicationScoped
public class ReadModelProjection {

    private final UserCardRepository users;
    private final ProductCardRepository products;
    private final SessionStatRepository stats;
    private final SessionProductRepository sessionProducts;
    private final StreamSessionRepository sessions;
    private final SessionEvents events;

    public ReadModelProjection(UserCardRepository users, ProductCardRepository products, SessionStatRepository stats,
                               SessionProductRepository sessionProducts, StreamSessionRepository sessions,
                               SessionEvents events) {
        this.users = users;
        this.products = products;
        this.stats = stats;
        this.sessionProducts = sessionProducts;
        this.sessions = sessions;
        this.events = events;
    }

    public Uni<Void> user(UserState state) {
        if (state.id() < 1 || state.username() == null || state.role() == null || state.updatedAt() == null) {
            throw new MalformedEventException("user state lacks id, username, role or updatedAt");
        }
        return users.upsert(state).replaceWithVoid();
    }

    /** product.created / updated / sold-out: the newest state wins; a deleted product is never brought back. */
    public Uni<Void> productChanged(ProductState state) {
        requireProduct(state);
        return products.upsert(state, false).replaceWithVoid();
    }

    /**
     * product.deleted: keeps a tombstone, unlinks the product from every session and stops showcasing it, each
     * affected session publishing what changed in this same transaction. Writing the tombstone locks the card, so it
     * waits for sessions being linked to the product right now (they hold a share lock) and unlinks them too.
     */
    public Uni<Void> productDeleted(ProductState state) {
        requireProduct(state);
        return products.upsert(state, true)
                .chain(written -> written == 0 ? Uni.createFrom().voidItem() : unlinkEverywhere(state.id()));
    }

    public Uni<Void> sessionStats(SessionStats figures) {
        if (figures.sessionId() == null || figures.at() == null) {
            throw new MalformedEventException("session stats lack sessionId or at");
        }
        return stats.findById(figures.sessionId()).chain(stat -> {
            if (stat != null && stat.at.isAfter(figures.at())) {
                return Uni.createFrom().voidItem();
            }
            SessionStat target = stat != null ? stat : new SessionStat();
            target.sessionId = figures.sessionId();
            target.currentViewers = Math.max(0, figures.currentViewers());
            target.peakViewers = Math.max(0, figures.peakViewers());
            target.totalViews = Math.max(0, figures.totalViews());
            target.reactions = Math.max(0, figures.reactions());
            target.messages = Math.max(0, figures.messages());
            target.clicks = Math.max(0, figures.clicks());
            target.engagement = target.reactions + target.messages + target.clicks;
            target.at = figures.at();
            return stat != null ? Uni.createFrom().voidItem() : stats.persist(target).replaceWithVoid();
        });
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
        session.updatedAt = SessionClock.now();
        Log.infof("Product %s was deleted in the catalog; removed from session %s", productId, session.id);
        return events.publish(session, published);
    }

    private static void requireProduct(ProductState state) {
        if (state.id() == null || state.name() == null || state.price() == null || state.updatedAt() == null
                || state.sellerId() < 1) {
            throw new MalformedEventException("product state lacks id, name, price, sellerId or updatedAt");
        }
    }
}
