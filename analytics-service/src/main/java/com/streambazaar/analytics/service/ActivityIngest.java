package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.ChatRepository;
import com.streambazaar.analytics.repository.ChatRepository.CountedMessage;
import com.streambazaar.analytics.repository.ClickRepository;
import com.streambazaar.analytics.repository.ClickRepository.Click;
import com.streambazaar.analytics.repository.ClickRepository.ProductClicks;
import com.streambazaar.analytics.repository.ClickRepository.ProductKey;
import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.analytics.repository.ReactionTallyRepository.TypeKey;
import com.streambazaar.analytics.repository.ReplicaRepository;
import com.streambazaar.analytics.repository.SessionLocks;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.analytics.repository.LostStayRepository;
import com.streambazaar.analytics.repository.StayRow;
import com.streambazaar.analytics.repository.ViewerKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.ChatMessageDeleted;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import com.streambazaar.common.event.contract.ViewerPresence;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Applies a batch of room activity (presence, heartbeats, chat, reactions, clicks) in one transaction: stays are
 * recorded, the touched viewers' views recomputed, interactions counted, and every figure updated by delta. The batch
 * holds its sessions' locks shared and its viewers' rows exclusively, so it runs beside other batches and beside the
 * replica reaper without lost updates, and beside a change of a session's live interval without clipping against the
 * wrong one.
 */
@ApplicationScoped
public class ActivityIngest {

    private final SessionLocks locks;
    private final SessionReadModelRepository sessions;
    private final SessionViewerRepository viewers;
    private final LostStayRepository lostStays;
    private final ChatRepository chat;
    private final ReactionTallyRepository reactions;
    private final ClickRepository clicks;
    private final ReplicaRepository replicas;
    private final FigureWriter writer;

    public ActivityIngest(SessionLocks locks, SessionReadModelRepository sessions,
                          SessionViewerRepository viewers, LostStayRepository lostStays, ChatRepository chat,
                          ReactionTallyRepository reactions, ClickRepository clicks, ReplicaRepository replicas,
                          FigureWriter writer) {
        this.locks = locks;
        this.sessions = sessions;
        this.viewers = viewers;
        this.lostStays = lostStays;
        this.chat = chat;
        this.reactions = reactions;
        this.clicks = clicks;
        this.replicas = replicas;
        this.writer = writer;
    }

    /** The events of one batch, sorted by kind. */
    private static final class Batch {
        final Map<StayKey, StayRow> stays = new TreeMap<>();
        final Map<String, Instant> replicaSeen = new HashMap<>();
        final List<ChatMessagePosted> posted = new ArrayList<>();
        final List<ChatMessageDeleted> deleted = new ArrayList<>();
        final List<ReactionSent> reactions = new ArrayList<>();
        final List<ProductClicked> clicks = new ArrayList<>();
        final Set<UUID> sessions = new HashSet<>();
    }

    private record StayKey(UUID sessionId, String viewerId, UUID stayId) implements Comparable<StayKey> {
        @Override
        public int compareTo(StayKey other) {
            int order = sessionId.compareTo(other.sessionId);
            if (order == 0) {
                order = viewerId.compareTo(other.viewerId);
            }
            return order != 0 ? order : stayId.compareTo(other.stayId);
        }
    }

    public Uni<Void> apply(SqlConnection connection, List<EventEnvelope> events) {
        Batch batch = read(events);
        if (batch.sessions.isEmpty() && batch.replicaSeen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // reads that decide what to lock come first, before any lock is taken
        return replicas.deadAmong(connection, batch.replicaSeen.keySet()).chain(dead -> {
            Set<String> revived = new TreeSet<>();
            dead.forEach((replica, deadAt) -> {
                if (batch.replicaSeen.get(replica).isAfter(deadAt)) {
                    revived.add(replica);
                }
            });
            return lostStays.ofReplicas(connection, revived).chain(revivedViewers -> chat.find(connection,
                            batch.deleted.stream().map(ChatMessageDeleted::messageId).toList())
                    .chain(authors -> locked(connection, batch, revived, revivedViewers, authors)));
        });
    }

    private Uni<Void> locked(SqlConnection connection, Batch batch, Set<String> revived, Set<ViewerKey> revivedViewers,
                             Map<UUID, CountedMessage> authors) {
        Set<UUID> sessionIds = new HashSet<>(batch.sessions);
        revivedViewers.forEach(key -> sessionIds.add(key.sessionId()));
        Set<ViewerKey> presenceViewers = new TreeSet<>(revivedViewers);
        batch.stays.keySet().forEach(key -> presenceViewers.add(new ViewerKey(key.sessionId(), key.viewerId())));
        Set<ViewerKey> all = new TreeSet<>(presenceViewers);
        batch.posted.forEach(m -> all.add(new ViewerKey(m.sessionId(), m.viewerId())));
        authors.values().forEach(m -> all.add(new ViewerKey(m.sessionId(), m.viewerId())));
        batch.reactions.forEach(r -> all.add(new ViewerKey(r.sessionId(), r.viewerId())));
        batch.clicks.forEach(c -> all.add(new ViewerKey(c.sessionId(), c.viewerId())));

        List<ViewerKey> keys = new ArrayList<>(all);
        return locks.shared(connection, sessionIds)
                .chain(() -> sessions.load(connection, sessionIds))
                .chain(known -> viewers.lock(connection, keys)
                        .map(lockedViewers -> new FigureLedger(known, lockedViewers, keys)))
                .chain(ledger -> {
                    batch.stays.values().forEach(ledger::recordStay);
                    revivedViewers.forEach(key -> ledger.reviveStays(key, revived));
                    presenceViewers.forEach(ledger::recomputeViews);
                    return chatMessages(connection, ledger, batch)
                            .chain(() -> productClicks(connection, ledger, batch))
                            .chain(tallies -> {
                                List<Map.Entry<TypeKey, Long>> reactionTallies = reactionCounts(ledger, batch);
                                return writer.write(connection, ledger,
                                        // the session's shared tallies last, after the ledger's shared rows
                                        () -> reactions.add(connection, reactionTallies)
                                                .chain(() -> clicks.addTallies(connection, tallies)));
                            });
                })
                .chain(() -> lostStays.forget(connection, revived))
                .chain(() -> replicas.seen(connection, batch.replicaSeen, revived));
    }

    private Uni<Void> chatMessages(SqlConnection connection, FigureLedger ledger, Batch batch) {
        if (batch.posted.isEmpty() && batch.deleted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CountedMessage> posts = new ArrayList<>();
        Map<UUID, CountedMessage> seen = new LinkedHashMap<>();
        for (ChatMessagePosted message : batch.posted) {
            CountedMessage counted = new CountedMessage(message.messageId(), message.sessionId(), message.viewerId(),
                    message.at());
            if (seen.putIfAbsent(message.messageId(), counted) == null) {
                posts.add(counted);
            }
            ledger.identify(new ViewerKey(message.sessionId(), message.viewerId()), message.userId(),
                    message.username());
        }
        posts.sort(Comparator.comparing(CountedMessage::messageId));
        List<ChatMessageDeleted> deletions = new ArrayList<>(batch.deleted);
        deletions.sort(Comparator.comparing(ChatMessageDeleted::messageId));
        return chat.post(connection, posts)
                .invoke(counted -> counted.forEach(m -> ledger.message(new ViewerKey(m.sessionId(), m.viewerId()),
                        m.at(), 1)))
                .chain(() -> chat.delete(connection, deletions.stream().map(ChatMessageDeleted::messageId).toList(),
                        deletions.stream().map(ChatMessageDeleted::sessionId).toList()))
                .invoke(takenBack -> takenBack.forEach(m -> ledger.message(new ViewerKey(m.sessionId(), m.viewerId()),
                        m.at(), -1)))
                .replaceWithVoid();
    }

    /** Counts the reactions in the ledger; returns the per-type tallies to add (shared rows, written last). */
    private static List<Map.Entry<TypeKey, Long>> reactionCounts(FigureLedger ledger, Batch batch) {
        Map<TypeKey, Long> counts = new TreeMap<>(Comparator.comparing(TypeKey::sessionId)
                .thenComparing(TypeKey::type));
        for (ReactionSent reaction : batch.reactions) {
            counts.merge(new TypeKey(reaction.sessionId(), reaction.type()), 1L, Long::sum);
            ledger.reaction(new ViewerKey(reaction.sessionId(), reaction.viewerId()), reaction.at(), reaction.userId());
        }
        return new ArrayList<>(counts.entrySet());
    }

    /** Records the clicks and clickers; returns the per-product tallies to add (shared rows, written last). */
    private Uni<List<ProductClicks>> productClicks(SqlConnection connection, FigureLedger ledger, Batch batch) {
        List<Click> recorded = new ArrayList<>();
        Map<Click, Integer> byClicker = new TreeMap<>(Comparator.comparing(Click::sessionId)
                .thenComparing(Click::productId).thenComparing(Click::viewerId));
        Map<ProductKey, long[]> tallies = new TreeMap<>(Comparator.comparing(ProductKey::sessionId)
                .thenComparing(ProductKey::productId));
        for (ProductClicked click : batch.clicks) {
            // the creator trying their own product is not a shopper
            if (ledger.isCreator(click.sessionId(), click.viewerId(), click.userId())) {
                continue;
            }
            recorded.add(new Click(click.sessionId(), click.productId(), click.viewerId(), click.at()));
            byClicker.merge(new Click(click.sessionId(), click.productId(), click.viewerId(), null), 1, Integer::sum);
            tallies.computeIfAbsent(new ProductKey(click.sessionId(), click.productId()), k -> new long[2])[0]++;
            ledger.click(new ViewerKey(click.sessionId(), click.viewerId()), click.at(), click.userId());
        }
        if (recorded.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return clicks.record(connection, recorded, new ArrayList<>(byClicker.entrySet())).map(firstTime -> {
            List<ProductClicks> rows = new ArrayList<>();
            tallies.forEach((key, counts) -> rows.add(new ProductClicks(key.sessionId(), key.productId(), counts[0],
                    firstTime.getOrDefault(key, 0L))));
            return rows;
        });
    }

    // ---- reading the batch ----

    private Batch read(List<EventEnvelope> events) {
        Batch batch = new Batch();
        for (EventEnvelope envelope : events) {
            JsonNode data = envelope.data();
            if (data == null || !data.isObject()) {
                throw new MalformedEventException("event " + envelope.eventId() + " has no data object");
            }
            switch (envelope.type()) {
                case ViewerPresence.JOINED, ViewerPresence.LEFT -> presence(batch, envelope, data);
                case RoomHeartbeat.TYPE -> {
                    String replica = EventFields.text(data, "replicaId");
                    Instant at = EventFields.instant(data, "at");
                    require(replica != null && at != null, envelope, "replicaId and at");
                    batch.replicaSeen.merge(replica, at, ActivityIngest::later);
                }
                case ChatMessagePosted.TYPE -> {
                    ChatMessagePosted m = new ChatMessagePosted(EventFields.uuid(data, "messageId"),
                            EventFields.uuid(data, "sessionId"), EventFields.longOrNull(data, "userId"),
                            EventFields.text(data, "username"), null, EventFields.text(data, "viewerId"), null,
                            EventFields.instant(data, "at"));
                    require(m.messageId() != null && m.sessionId() != null && m.viewerId() != null && m.at() != null,
                            envelope, "messageId, sessionId, viewerId and at");
                    batch.posted.add(m);
                    batch.sessions.add(m.sessionId());
                }
                case ChatMessageDeleted.TYPE -> {
                    UUID message = EventFields.uuid(data, "messageId");
                    UUID session = EventFields.uuid(data, "sessionId");
                    require(message != null && session != null, envelope, "messageId and sessionId");
                    batch.deleted.add(new ChatMessageDeleted(message, session, 0, null));
                    batch.sessions.add(session);
                }
                case ReactionSent.SENT -> {
                    ReactionSent r = new ReactionSent(EventFields.uuid(data, "sessionId"), EventFields.text(data, "type"),
                            EventFields.longOrNull(data, "userId"), EventFields.text(data, "viewerId"),
                            EventFields.instant(data, "at"));
                    require(r.sessionId() != null && r.viewerId() != null && r.at() != null, envelope,
                            "sessionId, viewerId and at");
                    if (!ReactionSent.TYPES.contains(r.type())) {
                        Log.debugf("Skipped reaction %s of unknown type %s", envelope.eventId(), r.type());
                        continue;
                    }
                    batch.reactions.add(r);
                    batch.sessions.add(r.sessionId());
                }
                case ProductClicked.TYPE -> {
                    ProductClicked c = new ProductClicked(EventFields.uuid(data, "sessionId"),
                            EventFields.uuid(data, "productId"), EventFields.longOrNull(data, "userId"),
                            EventFields.text(data, "viewerId"), EventFields.instant(data, "at"));
                    require(c.sessionId() != null && c.productId() != null && c.viewerId() != null && c.at() != null,
                            envelope, "sessionId, productId, viewerId and at");
                    batch.clicks.add(c);
                    batch.sessions.add(c.sessionId());
                }
                default -> Log.debugf("Ignored event %s of type %s", envelope.eventId(), envelope.type());
            }
        }
        return batch;
    }

    private void presence(Batch batch, EventEnvelope envelope, JsonNode data) {
        UUID session = EventFields.uuid(data, "sessionId");
        UUID stay = EventFields.uuid(data, "viewId");
        String viewer = EventFields.text(data, "viewerId");
        Instant at = EventFields.instant(data, "at");
        require(session != null && stay != null && viewer != null && !viewer.isBlank() && at != null, envelope,
                "sessionId, viewId, viewerId and at");
        String replica = EventFields.text(data, "replicaId");
        boolean joined = ViewerPresence.JOINED.equals(envelope.type());
        StayKey key = new StayKey(session, viewer, stay);
        StayRow incoming = new StayRow(session, viewer, stay, EventFields.longOrNull(data, "userId"),
                EventFields.text(data, "username"), replica, joined ? at : null, joined ? null : at, null);
        batch.stays.merge(key, incoming, ActivityIngest::combine);
        batch.sessions.add(session);
        if (replica != null) {
            batch.replicaSeen.merge(replica, at, ActivityIngest::later);
        }
    }

    /** Two events about one stay in one batch: the earliest join and the earliest leave. */
    private static StayRow combine(StayRow a, StayRow b) {
        return new StayRow(a.sessionId(), a.viewerId(), a.stayId(), a.userId() != null ? a.userId() : b.userId(),
                a.username() != null ? a.username() : b.username(), a.replicaId() != null ? a.replicaId() : b.replicaId(),
                earliest(a.joinedAt(), b.joinedAt()), earliest(a.leftAt(), b.leftAt()), null);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void require(boolean condition, EventEnvelope envelope, String fields) {
        if (!condition) {
            throw new MalformedEventException("event " + envelope.eventId() + " (" + envelope.type() + ") lacks "
                    + fields);
        }
    }
}
