package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.CreatorRepository;
import com.streambazaar.analytics.repository.CreatorRepository.AudienceKey;
import com.streambazaar.analytics.repository.ProductCardRepository;
import com.streambazaar.analytics.repository.ProductCardRepository.ProductCard;
import com.streambazaar.analytics.repository.SessionInfo;
import com.streambazaar.analytics.repository.SessionLocks;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.analytics.repository.ViewRepository;
import com.streambazaar.analytics.repository.ViewerKey;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.time.WireClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Keeps the session read model from bazaar.sessions.v1, order-safe (an older state changes nothing; a deleted
 * session stays as a tombstone), and what depends on it: views clipped again when the live interval changes (open
 * views close at the end), the creator's own presence taken out when the creator becomes known, and the creator-wide
 * audience. Holds the sessions' locks exclusively, so no activity batch clips against an interval being replaced.
 */
@ApplicationScoped
public class SessionProjection {

    private final EventJson json;
    private final SessionLocks locks;
    private final SessionReadModelRepository sessions;
    private final SessionViewerRepository viewers;
    private final ViewRepository views;
    private final FigureWriter writer;
    private final CreatorRepository creators;
    private final ProductCardRepository products;

    public SessionProjection(EventJson json, SessionLocks locks, SessionReadModelRepository sessions,
                             SessionViewerRepository viewers, ViewRepository views, FigureWriter writer,
                             CreatorRepository creators, ProductCardRepository products) {
        this.json = json;
        this.locks = locks;
        this.sessions = sessions;
        this.viewers = viewers;
        this.views = views;
        this.writer = writer;
        this.creators = creators;
        this.products = products;
    }

    public Uni<Void> apply(SqlConnection connection, List<EventEnvelope> events) {
        Map<UUID, SessionInfo> newest = new TreeMap<>();
        Map<UUID, ProductCard> cards = new TreeMap<>();
        for (EventEnvelope envelope : events) {
            if (!envelope.type().startsWith("session.") || "session.stats".equals(envelope.type())) {
                continue;
            }
            SessionState state = json.data(envelope, SessionState.class);
            if (state.id() == null || state.updatedAt() == null || state.status() == null) {
                throw new MalformedEventException("session event " + envelope.eventId() + " lacks id, status or updatedAt");
            }
            SessionInfo info = info(state, SessionState.DELETED.equals(envelope.type()));
            newest.merge(info.sessionId(), info, SessionProjection::newer);
            if (state.activeProduct() != null && state.activeProduct().id() != null
                    && state.activeProduct().name() != null && state.activeProduct().updatedAt() != null) {
                ProductCard card = new ProductCard(state.activeProduct().id(), state.activeProduct().name(), false,
                        WireClock.truncate(state.activeProduct().updatedAt()));
                cards.merge(card.productId(), card, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return locks.exclusive(connection, newest.keySet())
                .chain(() -> sessions.load(connection, newest.keySet()))
                .chain(existing -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SessionInfo incoming : newest.values()) {
                        SessionInfo old = existing.get(incoming.sessionId());
                        if (old != null && newer(old, incoming) == old) {
                            continue; // an older (or the same) state: nothing changes
                        }
                        chain = chain.chain(() -> change(connection, old, incoming));
                    }
                    return chain;
                })
                .chain(() -> products.save(connection, new ArrayList<>(cards.values())));
    }

    /** The newer of two states of one session; at the same instant a deletion wins, else the later one. */
    private static SessionInfo newer(SessionInfo a, SessionInfo b) {
        int order = a.updatedAt().compareTo(b.updatedAt());
        if (order != 0) {
            return order > 0 ? a : b;
        }
        if (a.deleted() != b.deleted()) {
            return a.deleted() ? a : b;
        }
        return a.equals(b) ? a : b;
    }

    private Uni<Void> change(SqlConnection connection, SessionInfo old, SessionInfo incoming) {
        boolean firstSeen = old == null;
        boolean nowDeleted = incoming.deleted() && (old == null || !old.deleted());
        Instant oldStart = old == null ? null : old.startedAt();
        Instant oldEnd = old == null ? null : old.endedAt();
        boolean startChanged = !Objects.equals(oldStart, incoming.startedAt());
        boolean endChanged = !Objects.equals(oldEnd, incoming.endedAt());
        Instant startBefore = !startChanged ? null : latest(oldStart, incoming.startedAt());
        Instant endAfter = !endChanged ? null : earliest(oldEnd, incoming.endedAt());
        boolean endRemoved = endChanged && incoming.endedAt() == null;
        UUID id = incoming.sessionId();
        return sessions.upsert(connection, incoming)
                .chain(() -> views.viewersAffectedByInterval(connection, id, startBefore, endAfter, endRemoved))
                .chain(affected -> {
                    Set<ViewerKey> keys = new TreeSet<>(affected);
                    if (firstSeen) {
                        // the creator's own presence, recorded before the session was known, is taken out
                        keys.add(new ViewerKey(id, incoming.creatorViewerId()));
                    }
                    List<ViewerKey> sorted = new ArrayList<>(keys);
                    // the audience of a session seen for the first time is added below, from its final state
                    Set<UUID> audienceHere = firstSeen || nowDeleted ? Set.of(id) : Set.of();
                    Map<UUID, SessionInfo> before = old == null ? Map.of() : Map.of(id, old);
                    return viewers.lock(connection, sorted).chain(locked -> {
                        FigureLedger ledger = new FigureLedger(before, Map.of(id, incoming), locked, locked.keySet(),
                                audienceHere);
                        locked.keySet().forEach(ledger::recomputeViews);
                        Map<Long, long[]> creatorDeltas = new HashMap<>();
                        Uni<Void> audience = Uni.createFrom().voidItem();
                        if (firstSeen && !incoming.deleted()) {
                            audience = audience(connection, incoming, 1, creatorDeltas);
                        } else if (nowDeleted && old != null) {
                            audience = audience(connection, old, -1, creatorDeltas);
                        }
                        // the audience rows are single identities' (written first), its per-creator counts shared
                        return audience.chain(() -> writer.write(connection, ledger,
                                () -> creators.addTotals(connection, creatorDeltas)));
                    });
                });
    }

    /**
     * Adds (or takes back) the session's viewers and clickers to its creator's distinct audience; the per-creator
     * changes go into {@code deltas}. The creator's own identity is never part of it.
     */
    private Uni<Void> audience(SqlConnection connection, SessionInfo session, int sign, Map<Long, long[]> deltas) {
        return creators.audienceOf(connection, session.sessionId()).chain(audience -> {
            List<Map.Entry<AudienceKey, Integer>> viewed = new ArrayList<>();
            List<Map.Entry<AudienceKey, Integer>> clicked = new ArrayList<>();
            for (Map.Entry<String, boolean[]> entry : audience) {
                if (entry.getKey().equals(session.creatorViewerId())) {
                    continue;
                }
                AudienceKey key = new AudienceKey(session.creatorId(), entry.getKey());
                if (entry.getValue()[0]) {
                    viewed.add(Map.entry(key, sign));
                }
                if (entry.getValue()[1]) {
                    clicked.add(Map.entry(key, sign));
                }
            }
            viewed.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
            clicked.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
            return creators.add(connection, viewed, false)
                    .invoke(changes -> changes.forEach((c, n) -> deltas.computeIfAbsent(c, k -> new long[2])[0] += n))
                    .chain(() -> creators.add(connection, clicked, true))
                    .invoke(changes -> changes.forEach((c, n) -> deltas.computeIfAbsent(c, k -> new long[2])[1] += n))
                    .replaceWithVoid();
        });
    }

    private static SessionInfo info(SessionState s, boolean deleted) {
        return new SessionInfo(s.id(), s.creatorId(), s.creatorUsername(), s.title(),
                deleted ? SessionInfo.DELETED : s.status(), WireClock.truncate(s.startedAt()),
                WireClock.truncate(s.endedAt()), WireClock.truncate(s.createdAt()), WireClock.truncate(s.updatedAt()),
                s.productIds() == null ? List.of() : List.copyOf(s.productIds()), s.activeProductId(),
                List.copyOf(s.featuredProductIds()));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
