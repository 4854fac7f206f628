package com.streambazaar.realtime.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.event.contract.ViewerPresence;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.realtime.client.ShowcaseClient;
import com.streambazaar.realtime.config.RealtimeConfig;
import com.streambazaar.realtime.config.ReplicaId;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The rooms of this replica, knowing nothing of transports: adapters (Socket.IO over WebSocket or long-polling, plain
 * /ws) hand it decoded events and give it a {@link ClientConnection} to deliver to. All room state is owned by one
 * thread ("room-engine"): no locks, and nothing here ever runs on — or blocks — an event loop. Slow work (database,
 * session-service) runs asynchronously and comes back to this thread.
 *
 * <p>Rules kept here: identity from verified credentials only (payload userId/userName ignored); the creator is a
 * publisher, never a viewer; viewer identity per METRICS.md; one connection may be in several rooms; viewer-count at
 * most every {@code viewer-count-interval} per room; reactions coalesced per window; every refusal answers the sender
 * with an {@code error} event.
 */
@ApplicationScoped
public class RoomEngine implements LocalRoomFeed {

    static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final long TICK_MILLIS = 50;

    private final RealtimeConfig config;
    private final ReplicaId replica;
    private final RoomDirectory directory;
    private final ChatService chat;
    private final EngagementEventWriter engagement;
    private final HeartbeatPublisher heartbeats;
    private final ShowcaseClient showcase;
    private final ObjectMapper mapper;
    private final WireClock clock;
    private final RealtimeMetrics metrics;

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "room-engine");
        thread.setDaemon(true);
        return thread;
    });
    // owned by the loop thread
    private final Map<ClientConnection, Conn> conns = new IdentityHashMap<>();
    private final Map<UUID, Room> rooms = new HashMap<>();
    private final Map<UUID, Map<String, long[]>> remoteViewers = new HashMap<>();
    private final Map<String, Parked> parked = new HashMap<>();
    /** Per event loop; read from other threads too (errors and answers to one connection), hence concurrent. */
    private final Map<java.util.concurrent.Executor, LaneQueue> laneQueues = new java.util.concurrent.ConcurrentHashMap<>();
    private long sequence;
    private long lastHousekeeping;
    private final AtomicInteger connectionCount = new AtomicInteger();

    public RoomEngine(RealtimeConfig config, ReplicaId replica, RoomDirectory directory, ChatService chat,
                      EngagementEventWriter engagement, HeartbeatPublisher heartbeats, ShowcaseClient showcase,
                      ObjectMapper mapper, WireClock clock, RealtimeMetrics metrics) {
        this.config = config;
        this.replica = replica;
        this.directory = directory;
        this.chat = chat;
        this.engagement = engagement;
        this.heartbeats = heartbeats;
        this.showcase = showcase;
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        loop.scheduleAtFixedRate(() -> safely("tick", this::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        Log.infof("Room engine of replica %s started", replica.id());
    }

    /** Closes every open view (reason shutdown) and says 0 viewers for each room, before the writer's last flush. */
    void stop(@Observes ShutdownEvent event) {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                Instant now = clock.now();
                for (Room room : rooms.values()) {
                    for (Room.Member member : room.members.values()) {
                        closeView(room, member, ViewerPresence.REASON_SHUTDOWN, now);
                    }
                    if (room.heartbeatCount > 0) {
                        heartbeats.publishNow(new RoomHeartbeat(room.sessionId, replica.id(), 0, now));
                    }
                }
            } finally {
                done.countDown();
            }
        });
        try {
            done.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownNow();
    }

    public String replicaId() {
        return replica.id();
    }

    public int connections() {
        return connectionCount.get();
    }

    // ---------------------------------------------------------------- connections

    /**
     * A connection whose identity is known. For Socket.IO, {@code pid}/{@code offset} come from the CONNECT auth
     * payload (connection state recovery); the callback runs on the engine thread before any replayed event.
     */
    public void open(ClientConnection link, SocketIdentity identity, boolean recoverable, String pid, String offset,
                     OpenCallback callback) {
        loop.execute(() -> safely("open", () -> doOpen(link, identity, recoverable, pid, offset, callback)));
    }

    /** The transport is gone ({@code parkForRecovery}: the client may come back with its pid). */
    public void close(ClientConnection link, boolean parkForRecovery) {
        loop.execute(() -> safely("close", () -> doClose(link, parkForRecovery)));
    }

    /** A decoded client event; {@code ack} is null when the client did not ask for an answer. */
    public void event(ClientConnection link, String name, JsonNode data, Ack ack) {
        loop.execute(() -> safely("event " + name, () -> doEvent(link, name, data, ack)));
    }

    /** Tells a connection its event was refused before it reached a room (malformed frame, unknown packet). */
    public void refuse(ClientConnection link, String event, String message, Ack ack) {
        sendError(link, event, message, ack);
    }

    public interface OpenCallback {
        /** @param connectionId the socket id (restored on recovery); {@code pid} the recovery id, or null */
        void opened(String connectionId, String pid, boolean recovered);
    }

    private void doOpen(ClientConnection link, SocketIdentity identity, boolean recoverable, String pid, String offset,
                        OpenCallback callback) {
        Conn conn = new Conn(link, identity, System.nanoTime(), config);
        Parked previous = pid == null ? null : parked.remove(pid);
        if (previous != null) {
            for (UUID sessionId : previous.rooms.keySet()) {
                Room room = rooms.get(sessionId);
                if (room != null) {
                    room.parkedRefs--;
                }
            }
        }
        boolean recovered = previous != null && recoverable && sameHolder(previous.identity, identity)
                && System.currentTimeMillis() - previous.disconnectedAtMillis <= config.recoveryWindow().toMillis();
        conn.connectionId = recovered ? previous.connectionId : replica.newScopedId();
        conn.pid = recovered ? pid : recoverable ? replica.newScopedId() : null;
        conns.put(link, conn);
        connectionCount.incrementAndGet();
        metrics.connected(link);
        callback.opened(conn.connectionId, conn.pid, recovered);
        if (!recovered) {
            return;
        }
        Instant now = clock.now();
        long after = parseOffset(offset);
        List<OutboundEvent> missed = new ArrayList<>();
        for (Map.Entry<UUID, String> stay : previous.rooms.entrySet()) {
            Room room = rooms.get(stay.getKey());
            SessionInfo info = directory.cached(stay.getKey());
            if (room == null || info == null || info.deleted()) {
                continue;
            }
            seat(conn, room, info, stay.getValue(), now);
            for (OutboundEvent event : room.history) {
                if (after >= 0 ? event.offset() > after : event.atMillis() >= previous.disconnectedAtMillis) {
                    missed.add(event);
                }
            }
        }
        missed.sort(Comparator.comparingLong(OutboundEvent::offset));
        for (OutboundEvent event : missed) {
            deliverTo(link, event);
        }
    }

    private static boolean sameHolder(SocketIdentity a, SocketIdentity b) {
        return a.isGuest() ? b.isGuest() : !b.isGuest() && a.caller().userId() == b.caller().userId();
    }

    private static long parseOffset(String offset) {
        if (offset == null) {
            return -1;
        }
        try {
            return Long.parseLong(offset);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void doClose(ClientConnection link, boolean parkForRecovery) {
        Conn conn = conns.remove(link);
        if (conn == null) {
            return;
        }
        connectionCount.decrementAndGet();
        metrics.disconnected(link);
        conn.closed = true;
        Instant now = clock.now();
        Map<UUID, String> stays = new LinkedHashMap<>();
        for (Room.Member member : new ArrayList<>(conn.rooms.values())) {
            Room room = rooms.get(member.sessionId);
            stays.put(member.sessionId, member.deviceId);
            if (room != null) {
                unseat(room, member, ViewerPresence.REASON_DISCONNECT, now);
            }
        }
        if (parkForRecovery && conn.pid != null) {
            parked.put(conn.pid, new Parked(conn.connectionId, conn.identity, stays, System.currentTimeMillis()));
            for (UUID sessionId : stays.keySet()) {
                Room room = rooms.get(sessionId);
                if (room != null) {
                    room.parkedRefs++;
                }
            }
        }
    }

    // ---------------------------------------------------------------- client events

    private void doEvent(ClientConnection link, String name, JsonNode data, Ack ack) {
        Conn conn = conns.get(link);
        if (conn == null) {
            return;
        }
        long now = System.nanoTime();
        if (!conn.events.tryTake(now)) {
            sendError(link, name, "Too many events; slow down", ack);
            return;
        }
        switch (name) {
            case "join-session" -> join(conn, data, ack);
            case "leave-session" -> leave(conn, data, ack);
            case "send-message" -> sendMessage(conn, data, ack);
            case "send-reaction" -> sendReaction(conn, data, ack, now);
            case "track-product-click", "product-click" -> trackClick(conn, name, data, ack, now);
            case "showcase-product" -> showcaseProduct(conn, data, ack);
            default -> sendError(link, name, "Unknown event '" + name + "'", ack);
        }
    }

    private void join(Conn conn, JsonNode data, Ack ack) {
        UUID sessionId = sessionIdOf(data);
        if (sessionId == null) {
            sendError(conn.link, "join-session", "sessionId must be a UUID", ack);
            return;
        }
        String deviceId = data != null && data.isObject() && data.path("deviceId").isTextual()
                ? ViewerIds.cleanDeviceId(data.get("deviceId").asText()) : null;
        UUID lastMessageId = data != null && data.isObject() && data.path("lastMessageId").isTextual()
                && UUID_TEXT.matcher(data.get("lastMessageId").asText()).matches()
                ? UUID.fromString(data.get("lastMessageId").asText()) : null;
        Room.Member already = conn.rooms.get(sessionId);
        if (already != null) {
            Room room = rooms.get(sessionId);
            answerJoin(conn, room, already, ack);
            resume(conn, sessionId, lastMessageId);
            return;
        }
        if (conn.rooms.size() >= config.maxRoomsPerConnection()) {
            sendError(conn.link, "join-session", "A connection can be in at most " + config.maxRoomsPerConnection()
                    + " rooms", ack);
            return;
        }
        SessionInfo cached = directory.cached(sessionId);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < RoomDirectory.REFRESH_NANOS) {
            finishJoin(conn, sessionId, cached, deviceId, lastMessageId, ack);
            return;
        }
        directory.get(sessionId).subscribe().with(
                info -> loop.execute(() -> safely("join", () -> finishJoin(conn, sessionId, info, deviceId,
                        lastMessageId, ack))),
                failure -> {
                    Log.warnf("Could not look up session %s for a join: %s", sessionId, failure.getMessage());
                    sendError(conn.link, "join-session", "The session could not be checked right now; try again", ack);
                });
    }

    private void finishJoin(Conn conn, UUID sessionId, SessionInfo info, String deviceId, UUID lastMessageId, Ack ack) {
        if (conn.closed) {
            return;
        }
        if (info == null || info.deleted()) {
            sendError(conn.link, "join-session", "Session not found", ack);
            return;
        }
        Room.Member member = conn.rooms.get(sessionId);
        Room room = rooms.computeIfAbsent(sessionId, Room::new);
        if (member == null) {
            member = seat(conn, room, info, deviceId, clock.now());
        }
        answerJoin(conn, room, member, ack);
        resume(conn, sessionId, lastMessageId);
    }

    private void answerJoin(Conn conn, Room room, Room.Member member, Ack ack) {
        int count = viewerCount(room);
        // the joiner learns the count at once; the room hears it with the next coalesced viewer-count
        deliverTo(conn.link, event("viewer-count", count, false));
        if (ack != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sessionId", room.sessionId);
            data.put("viewerCount", count);
            data.put("role", member.publisher ? "creator" : "viewer");
            data.put("viewerId", member.publisher ? null : member.viewerId);
            ack.reply(ok(data));
        }
    }

    /** A /ws client resuming: the chat messages after the last one it saw, from the history (any replica's). */
    private void resume(Conn conn, UUID sessionId, UUID lastMessageId) {
        if (lastMessageId == null) {
            return;
        }
        chat.after(sessionId, lastMessageId).subscribe().with(messages -> {
            for (ChatMessageView message : messages) {
                deliverTo(conn.link, event("new-message", message.asNewMessage(), false));
            }
        }, failure -> sendError(conn.link, "join-session", "Missed messages could not be loaded; reload the chat", null));
    }

    private Room.Member seat(Conn conn, Room room, SessionInfo info, String deviceId, Instant now) {
        Caller caller = conn.identity.caller();
        boolean publisher = caller != null && caller.userId() == info.creatorId();
        String viewerId = ViewerIds.of(conn.identity.userId(), deviceId, conn.connectionId);
        Room.Member member = new Room.Member(conn, room.sessionId, deviceId, viewerId, publisher);
        room.members.put(conn, member);
        room.membersChanged();
        conn.rooms.put(room.sessionId, member);
        if (!publisher && !info.isEnded()) {
            member.viewId = UUID.randomUUID();
            member.viewOpen = true;
            room.addViewer(viewerId);
            engagement.presence(ViewerPresence.JOINED, presence(room, member, now, null));
        }
        return member;
    }

    private void leave(Conn conn, JsonNode data, Ack ack) {
        UUID sessionId = sessionIdOf(data);
        if (sessionId == null) {
            sendError(conn.link, "leave-session", "sessionId must be a UUID", ack);
            return;
        }
        Room.Member member = conn.rooms.get(sessionId);
        Room room = rooms.get(sessionId);
        if (member == null || room == null) {
            sendError(conn.link, "leave-session", "Not in that session's room", ack);
            return;
        }
        unseat(room, member, ViewerPresence.REASON_LEAVE, clock.now());
        if (ack != null) {
            ack.reply(ok(Map.of("sessionId", sessionId)));
        }
    }

    private void unseat(Room room, Room.Member member, String reason, Instant now) {
        closeView(room, member, reason, now);
        room.members.remove(member.conn);
        room.membersChanged();
        member.conn.rooms.remove(room.sessionId);
    }

    private void closeView(Room room, Room.Member member, String reason, Instant now) {
        if (!member.viewOpen) {
            return;
        }
        member.viewOpen = false;
        room.removeViewer(member.viewerId);
        engagement.presence(ViewerPresence.LEFT, presence(room, member, now, reason));
    }

    private ViewerPresence presence(Room room, Room.Member member, Instant at, String reason) {
        SocketIdentity identity = member.conn.identity;
        return new ViewerPresence(room.sessionId, member.viewId, member.viewerId, identity.userId(),
                identity.username(), member.deviceId, member.conn.connectionId, replica.id(),
                member.conn.link.protocol(), at, reason);
    }

    private void sendMessage(Conn conn, JsonNode data, Ack ack) {
        Room.Member member = memberFor(conn, "send-message", data, ack);
        if (member == null) {
            return;
        }
        JsonNode text = data.get("message");
        if (text == null || !text.isTextual()) {
            sendError(conn.link, "send-message", "message must be a string", ack);
            return;
        }
        chat.post(new ChatAuthor(conn.identity, member.viewerId, conn.link.clientAddress()), member.sessionId, text.asText()).subscribe().with(
                message -> {
                    if (ack != null) {
                        ack.reply(ok(message.asNewMessage()));
                    }
                },
                failure -> sendError(conn.link, "send-message", refusalMessage(failure, "send-message"), ack));
    }

    private void sendReaction(Conn conn, JsonNode data, Ack ack, long nowNanos) {
        Room.Member member = memberFor(conn, "send-reaction", data, ack);
        if (member == null) {
            return;
        }
        JsonNode type = data.get("type");
        int index = type != null && type.isTextual() ? ReactionTally.indexOf(type.asText()) : -1;
        if (index < 0) {
            sendError(conn.link, "send-reaction", "type must be one of " + String.join(", ", ReactionSent.TYPE_ORDER), ack);
            return;
        }
        if (!conn.reactions.tryTake(nowNanos)) {
            sendError(conn.link, "send-reaction", "You are reacting too fast; slow down", ack);
            return;
        }
        Room room = rooms.get(member.sessionId);
        Instant at = clock.now();
        room.reactions.add(index, at.toEpochMilli(), nowNanos);
        metrics.reaction();
        engagement.reaction(new ReactionSent(member.sessionId, ReactionTally.TYPES.get(index), conn.identity.userId(),
                member.viewerId, at));
        if (ack != null) {
            ack.reply(ok(Map.of("sessionId", member.sessionId, "type", ReactionTally.TYPES.get(index))));
        }
    }

    private void trackClick(Conn conn, String name, JsonNode data, Ack ack, long nowNanos) {
        Room.Member member = memberFor(conn, name, data, ack);
        if (member == null) {
            return;
        }
        JsonNode product = data.get("productId");
        if (product == null || !product.isTextual() || !UUID_TEXT.matcher(product.asText()).matches()) {
            sendError(conn.link, name, "productId must be a UUID", ack);
            return;
        }
        UUID productId = UUID.fromString(product.asText());
        SessionInfo info = directory.cached(member.sessionId);
        if (info == null || !info.productIds().contains(productId)) {
            sendError(conn.link, name, "That product is not part of this session", ack);
            return;
        }
        if (!conn.clicks.tryTake(nowNanos)) {
            sendError(conn.link, name, "Too many clicks; slow down", ack);
            return;
        }
        if (!member.publisher) {
            engagement.click(new ProductClicked(member.sessionId, productId, conn.identity.userId(), member.viewerId,
                    clock.now()));
        }
        if (ack != null) {
            ack.reply(ok(Map.of("sessionId", member.sessionId, "productId", productId)));
        }
    }

    private void showcaseProduct(Conn conn, JsonNode data, Ack ack) {
        UUID sessionId = sessionIdOf(data);
        if (sessionId == null || !data.isObject()) {
            sendError(conn.link, "showcase-product", "sessionId must be a UUID", ack);
            return;
        }
        JsonNode product = data.get("productId");
        UUID productId = null;
        if (product != null && !product.isNull()) {
            if (!product.isTextual() || !UUID_TEXT.matcher(product.asText()).matches()) {
                sendError(conn.link, "showcase-product", "productId must be a UUID or null", ack);
                return;
            }
            productId = UUID.fromString(product.asText());
        }
        Caller caller = conn.identity.caller();
        SessionInfo info = directory.cached(sessionId);
        if (caller == null || conn.identity.rawToken() == null) {
            sendError(conn.link, "showcase-product", "Sign in as the session's creator to showcase products", ack);
            return;
        }
        if (info != null && !caller.mayManage(info.creatorId())) {
            sendError(conn.link, "showcase-product", "Only the session's creator can showcase products", ack);
            return;
        }
        UUID chosen = productId;
        showcase.showcase(sessionId, chosen, conn.identity.rawToken()).subscribe().with(answer -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sessionId", sessionId);
            result.put("productId", chosen);
            result.put("data", answer);
            deliverTo(conn.link, event("showcase-result", result, false));
            if (ack != null) {
                ack.reply(ok(answer));
            }
        }, failure -> sendError(conn.link, "showcase-product", refusalMessage(failure, "showcase-product"), ack));
    }

    /** The member for an event whose data names a session the connection joined, or null (after an error). */
    private Room.Member memberFor(Conn conn, String name, JsonNode data, Ack ack) {
        if (data == null || !data.isObject()) {
            sendError(conn.link, name, "data must be an object with sessionId", ack);
            return null;
        }
        UUID sessionId = sessionIdOf(data);
        if (sessionId == null) {
            sendError(conn.link, name, "sessionId must be a UUID", ack);
            return null;
        }
        Room.Member member = conn.rooms.get(sessionId);
        if (member == null) {
            sendError(conn.link, name, "Join the session first (join-session)", ack);
        }
        return member;
    }

    private static UUID sessionIdOf(JsonNode data) {
        JsonNode id = data == null ? null : data.isObject() ? data.get("sessionId") : data;
        if (id == null || !id.isTextual() || !UUID_TEXT.matcher(id.asText()).matches()) {
            return null;
        }
        return UUID.fromString(id.asText());
    }

    private String refusalMessage(Throwable failure, String event) {
        if (failure instanceof ApiException refusal) {
            return refusal.getMessage();
        }
        if (failure instanceof ShowcaseClient.ShowcaseRefusedException refused) {
            return refused.getMessage();
        }
        if (failure instanceof CircuitBreakerOpenException || failure instanceof TimeoutException) {
            return "session-service is not answering right now; try again in a moment";
        }
        Log.warnf("%s failed: %s", event, failure.toString());
        return "That could not be done right now; try again";
    }

    // ---------------------------------------------------------------- feeds (this replica's services, and Kafka)

    @Override
    public void chatPosted(ChatMessageView.NewMessage message) {
        loop.execute(() -> safely("new-message", () -> {
            Room room = rooms.get(message.sessionId());
            if (room != null && room.firstShowing(message.id())) {
                broadcast(room, "new-message", message, true);
            }
        }));
    }

    @Override
    public void chatDeleted(UUID sessionId, UUID messageId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId);
        data.put("id", messageId);
        loop.execute(() -> safely("message-deleted", () -> broadcast(sessionId, "message-deleted", data, true)));
    }

    @Override
    public void chatSettingsChanged(UUID sessionId, int slowModeSeconds, boolean guestChat) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId);
        data.put("slowModeSeconds", slowModeSeconds);
        data.put("guestChat", guestChat);
        loop.execute(() -> safely("chat-settings", () -> broadcast(sessionId, "chat-settings", data, true)));
    }

    @Override
    public void userRestricted(UUID sessionId, long userId, String kind, Instant until) {
        loop.execute(() -> safely("chat-restricted", () -> {
            Room room = rooms.get(sessionId);
            if (room == null) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sessionId", sessionId);
            data.put("kind", kind);
            data.put("until", until);
            OutboundEvent event = event("chat-restricted", data, false);
            for (Room.Member member : room.members.values()) {
                Long holder = member.conn.identity.userId();
                if (holder != null && holder == userId) {
                    deliverTo(member.conn.link, event);
                }
            }
        }));
    }

    /** A reaction made on another replica. */
    public void remoteReaction(UUID sessionId, String type, Instant at) {
        int index = ReactionTally.indexOf(type);
        if (index < 0 || at == null) {
            return;
        }
        loop.execute(() -> safely("remote reaction", () -> {
            Room room = rooms.get(sessionId);
            if (room != null) {
                room.reactions.add(index, at.toEpochMilli(), System.nanoTime());
            }
        }));
    }

    /** Another replica's heartbeat: its viewers of the room. */
    public void heartbeat(RoomHeartbeat heartbeat) {
        if (replica.id().equals(heartbeat.replicaId())) {
            return;
        }
        long received = System.nanoTime();
        loop.execute(() -> safely("heartbeat", () -> {
            if (heartbeat.viewers() <= 0) {
                Map<String, long[]> replicas = remoteViewers.get(heartbeat.sessionId());
                if (replicas != null) {
                    replicas.remove(heartbeat.replicaId());
                    if (replicas.isEmpty()) {
                        remoteViewers.remove(heartbeat.sessionId());
                    }
                }
                return;
            }
            remoteViewers.computeIfAbsent(heartbeat.sessionId(), id -> new HashMap<>())
                    .put(heartbeat.replicaId(), new long[]{heartbeat.viewers(), received});
        }));
    }

    /** A session changed (this replica's own fan-out of bazaar.sessions.v1). */
    public void sessionChanged(String type, SessionState state) {
        SessionInfo info = directory.apply(type, state);
        loop.execute(() -> safely("session " + type, () -> {
            Room room = rooms.get(state.id());
            if (room == null) {
                return;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sessionId", state.id());
            switch (type) {
                case SessionState.STARTED -> {
                    data.put("channelName", state.agoraChannelName());
                    data.put("status", SessionState.STATUS_LIVE);
                    data.put("startedAt", state.startedAt());
                    broadcast(room, "stream-started", data, true);
                }
                case SessionState.PAUSED -> {
                    data.put("status", SessionState.STATUS_PAUSED);
                    broadcast(room, "stream-paused", data, true);
                }
                case SessionState.RESUMED -> {
                    data.put("channelName", state.agoraChannelName());
                    data.put("status", SessionState.STATUS_LIVE);
                    broadcast(room, "stream-resumed", data, true);
                }
                case SessionState.ENDED -> {
                    data.put("status", SessionState.STATUS_ENDED);
                    data.put("endedAt", state.endedAt());
                    broadcast(room, "stream-ended", data, true);
                    closeAllViews(room);
                }
                case SessionState.DELETED -> {
                    closeAllViews(room);
                    for (Room.Member member : new ArrayList<>(room.members.values())) {
                        unseat(room, member, ViewerPresence.REASON_SESSION_ENDED, clock.now());
                    }
                }
                case SessionState.PRODUCT_SHOWCASED -> {
                    data.put("productId", state.activeProductId());
                    data.put("product", state.activeProduct());
                    broadcast(room, "product-showcased", data, true);
                }
                case SessionState.SHOWCASE_CLEARED -> broadcast(room, "showcase-cleared", data, true);
                default -> {
                    // updates, product list changes: the directory holds them
                }
            }
            if (info != null && info.isEnded()) {
                closeAllViews(room);
            }
        }));
    }

    private void closeAllViews(Room room) {
        Instant now = clock.now();
        for (Room.Member member : room.members.values()) {
            closeView(room, member, ViewerPresence.REASON_SESSION_ENDED, now);
        }
    }

    /** analytics-service's live figures: click stats and trending to the room, analytics-update to the creator. */
    public void stats(SessionStats stats) {
        loop.execute(() -> safely("session stats", () -> {
            Room room = rooms.get(stats.sessionId());
            if (room == null || stats.at() == null) {
                return;
            }
            room.reactions.rebase(stats.reactionCounts(), stats.at().toEpochMilli());
            List<SessionStats.ProductClickStat> productStats = stats.productStats() == null ? List.of() : stats.productStats();
            if (stats.clicks() > 0 || !productStats.isEmpty()) {
                Map<String, Object> clicks = new LinkedHashMap<>();
                clicks.put("sessionId", stats.sessionId());
                clicks.put("productStats", productStats.stream().map(RoomEngine::clickStat).toList());
                clicks.put("totalViewers", stats.uniqueViewers());
                clicks.put("timestamp", stats.at());
                broadcast(room, "product-click-stats", clicks, false);
                List<Map<String, Object>> trending = stats.trendingProducts() == null ? List.of()
                        : stats.trendingProducts().stream().limit(5).map(RoomEngine::trendingProduct).toList();
                Map<String, Object> trend = new LinkedHashMap<>();
                trend.put("sessionId", stats.sessionId());
                trend.put("products", trending);
                trend.put("trending", trending);
                trend.put("timestamp", stats.at());
                broadcast(room, "trending-products", trend, false);
            }
            OutboundEvent update = null;
            for (Room.Member member : room.members.values()) {
                if (member.publisher) {
                    if (update == null) {
                        update = event("analytics-update", analyticsUpdate(stats), false);
                    }
                    deliverTo(member.conn.link, update);
                }
            }
        }));
    }

    /**
     * Clients show click-through as analytics-service's REST answers do (GET conversion-stats): a percentage with two
     * decimals; the event carries the 0..1 ratio.
     */
    static double percent(double ratio) {
        return Math.round(ratio * 10_000) / 100.0;
    }

    private static Map<String, Object> clickStat(SessionStats.ProductClickStat stat) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("productId", stat.productId());
        item.put("uniqueClicks", stat.uniqueClicks());
        item.put("totalClicks", stat.totalClicks());
        item.put("clickThroughRate", percent(stat.clickThroughRate()));
        return item;
    }

    private static Map<String, Object> trendingProduct(SessionStats.TrendingProduct product) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("rank", product.rank());
        item.put("productId", product.productId());
        item.put("uniqueClicks", product.uniqueClicks());
        item.put("totalClicks", product.totalClicks());
        item.put("clickThroughRate", percent(product.clickThroughRate()));
        return item;
    }

    private static Map<String, Object> analyticsUpdate(SessionStats stats) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", stats.sessionId());
        data.put("currentViewers", stats.currentViewers());
        data.put("peakViewers", stats.peakViewers());
        data.put("totalViews", stats.totalViews());
        data.put("uniqueViewers", stats.uniqueViewers());
        data.put("averageWatchTimeSeconds", stats.averageWatchTimeSeconds());
        data.put("engagedViewers", stats.engagedViewers());
        data.put("messages", stats.messages());
        data.put("chatMessagesPerMinute", stats.chatMessagesPerMinute());
        data.put("reactions", stats.reactions());
        data.put("reactionCounts", stats.reactionCounts());
        data.put("reactionPercentages", stats.reactionPercentages());
        data.put("clicks", stats.clicks());
        data.put("productStats", stats.productStats() == null ? List.of()
                : stats.productStats().stream().map(RoomEngine::clickStat).toList());
        data.put("trendingProducts", stats.trendingProducts() == null ? List.of()
                : stats.trendingProducts().stream().map(RoomEngine::trendingProduct).toList());
        data.put("timestamp", stats.at());
        return data;
    }

    // ---------------------------------------------------------------- broadcasting and the tick

    private void broadcast(UUID sessionId, String name, Object payload, boolean recoverable) {
        Room room = rooms.get(sessionId);
        if (room != null) {
            broadcast(room, name, payload, recoverable);
        }
    }

    /** One encoding for every receiver; recoverable events get the next offset and stay in the room's history. */
    private void broadcast(Room room, String name, Object payload, boolean recoverable) {
        OutboundEvent event = event(name, payload, recoverable);
        if (recoverable) {
            room.remember(event, config.recoveryEventsPerRoom(),
                    System.currentTimeMillis() - config.recoveryWindow().toMillis());
        }
        Room.Lanes lanes = room.lanes(System.nanoTime());
        for (ClientConnection link : lanes.direct()) {
            link.deliver(event);
        }
        for (Map.Entry<java.util.concurrent.Executor, List<ClientConnection>> lane : lanes.byLane().entrySet()) {
            laneQueue(lane.getKey()).add(new Broadcast(event, lane.getValue()));
        }
    }

    /**
     * An event for one connection. While broadcasts wait for its event loop (held back by {@code broadcast-coalesce})
     * it queues behind them, so what one connection receives keeps the order the engine sent it in.
     */
    private void deliverTo(ClientConnection link, OutboundEvent event) {
        java.util.concurrent.Executor lane = link.lane();
        LaneQueue queue = lane == null ? null : laneQueues.get(lane);
        if (queue != null) {
            queue.deliver(link, event);
        } else {
            link.deliver(event);
        }
    }

    private LaneQueue laneQueue(java.util.concurrent.Executor lane) {
        return laneQueues.computeIfAbsent(lane, l -> new LaneQueue(l, config.broadcastCoalesce().toNanos()));
    }

    /** One event for the connections of one event loop. */
    record Broadcast(OutboundEvent event, List<ClientConnection> links) {
    }

    /**
     * The broadcasts waiting for one event loop. The first one schedules a drain on the loop (after the coalescing
     * delay, if any); the drain writes everything queued by then as one {@link DeliveryRound}, so each connection is
     * flushed once per drain however many frames it got. Under load broadcasts pile up while the loop is busy and go
     * out together: the write syscalls per delivery fall as the rate rises.
     */
    static final class LaneQueue {
        private final java.util.concurrent.Executor lane;
        private final long delayNanos;
        private final java.util.concurrent.ConcurrentLinkedQueue<Broadcast> items = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        private final Runnable drain = this::drain;

        LaneQueue(java.util.concurrent.Executor lane, long delayNanos) {
            this.lane = lane;
            this.delayNanos = delayNanos;
        }

        /**
         * An event for one of this loop's connections: behind the queued broadcasts while any wait (a drain is
         * scheduled until it has written and flushed everything queued), else at once.
         */
        void deliver(ClientConnection link, OutboundEvent event) {
            if (scheduled.get()) {
                add(new Broadcast(event, List.of(link)));
            } else {
                link.deliver(event);
            }
        }

        void add(Broadcast broadcast) {
            items.add(broadcast);
            if (scheduled.compareAndSet(false, true)) {
                schedule();
            }
        }

        private void schedule() {
            if (delayNanos > 0 && lane instanceof java.util.concurrent.ScheduledExecutorService timed) {
                timed.schedule(drain, delayNanos, TimeUnit.NANOSECONDS);
            } else {
                lane.execute(drain);
            }
        }

        private void drain() {
            DeliveryRound round = new DeliveryRound();
            try {
                Broadcast next;
                while ((next = items.poll()) != null) {
                    for (ClientConnection link : next.links()) {
                        try {
                            link.deliver(next.event(), round);
                        } catch (RuntimeException e) {
                            Log.debugf("Delivery failed: %s", e.toString());
                        }
                    }
                }
            } finally {
                round.end();
                scheduled.set(false);
                // an add that saw the flag still set left its broadcast for this drain: take it now
                if (!items.isEmpty() && scheduled.compareAndSet(false, true)) {
                    lane.execute(drain);
                }
            }
        }
    }

    private OutboundEvent event(String name, Object payload, boolean recoverable) {
        try {
            return new OutboundEvent(name, mapper.writeValueAsString(payload), recoverable ? ++sequence : -1,
                    System.currentTimeMillis());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + name, e);
        }
    }

    private void sendError(ClientConnection link, String event, String message, Ack ack) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("event", event);
        error.put("message", message);
        try {
            deliverTo(link, new OutboundEvent("error", mapper.writeValueAsString(error), -1, System.currentTimeMillis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (ack != null) {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("success", false);
            refusal.put("message", message);
            ack.reply(refusal);
        }
    }

    private static Map<String, Object> ok(Object data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("data", data);
        return answer;
    }

    private int viewerCount(Room room) {
        int total = room.localViewers();
        Map<String, long[]> replicas = remoteViewers.get(room.sessionId);
        if (replicas != null) {
            for (long[] remote : replicas.values()) {
                total += (int) remote[0];
            }
        }
        return total;
    }

    private void tick() {
        long now = System.nanoTime();
        long freshness = config.heartbeatFreshness().toNanos();
        for (Iterator<Map<String, long[]>> sessions = remoteViewers.values().iterator(); sessions.hasNext(); ) {
            Map<String, long[]> replicas = sessions.next();
            replicas.values().removeIf(remote -> now - remote[1] > freshness);
            if (replicas.isEmpty()) {
                sessions.remove();
            }
        }
        long countInterval = config.viewerCountInterval().toNanos();
        long heartbeatInterval = config.heartbeatInterval().toNanos();
        long reactionWindow = config.reactionWindow().toNanos();
        long statsInterval = config.reactionStatsInterval().toNanos();
        long wallMillis = clock.now().toEpochMilli();
        for (Iterator<Room> it = rooms.values().iterator(); it.hasNext(); ) {
            Room room = it.next();
            if (!room.members.isEmpty()) {
                ReactionTally.NewReaction reaction = room.reactions.takeWindowIfDue(now, reactionWindow, wallMillis);
                if (reaction != null) {
                    broadcast(room, "new-reaction", reaction, false);
                }
                ReactionTally.Stats stats = room.reactions.takeStatsIfDue(room.sessionId, now, statsInterval);
                if (stats != null) {
                    broadcast(room, "reaction-stats", stats, false);
                }
                int count = viewerCount(room);
                if (count != room.sentCount && now - room.sentCountNanos >= countInterval) {
                    room.sentCount = count;
                    room.sentCountNanos = now;
                    broadcast(room, "viewer-count", count, false);
                }
            }
            int local = room.localViewers();
            if ((local != room.heartbeatCount && now - room.heartbeatNanos >= countInterval)
                    || (local > 0 && now - room.heartbeatNanos >= heartbeatInterval)) {
                room.heartbeatCount = local;
                room.heartbeatNanos = now;
                heartbeats.publish(new RoomHeartbeat(room.sessionId, replica.id(), local, clock.now()));
            }
            if (room.idle()) {
                it.remove();
            }
        }
        if (now - lastHousekeeping > 1_000_000_000L) {
            lastHousekeeping = now;
            long oldest = System.currentTimeMillis() - config.recoveryWindow().toMillis();
            for (Iterator<Parked> it = parked.values().iterator(); it.hasNext(); ) {
                Parked stale = it.next();
                if (stale.disconnectedAtMillis < oldest) {
                    it.remove();
                    for (UUID sessionId : stale.rooms.keySet()) {
                        Room room = rooms.get(sessionId);
                        if (room != null) {
                            room.parkedRefs--;
                        }
                    }
                }
            }
        }
    }

    private void safely(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            Log.errorf(e, "Room engine: %s failed; the connection's other events and other rooms go on", what);
        }
    }

    /** Everything the engine keeps about one connection. */
    static final class Conn {
        final ClientConnection link;
        final SocketIdentity identity;
        final Map<UUID, Room.Member> rooms = new LinkedHashMap<>();
        final TokenBucket events;
        final TokenBucket reactions;
        final TokenBucket clicks;
        String connectionId;
        String pid;
        boolean closed;

        Conn(ClientConnection link, SocketIdentity identity, long nowNanos, RealtimeConfig config) {
            this.link = link;
            this.identity = identity;
            this.events = new TokenBucket((int) Math.max(1, config.eventsPerSecond() * 2), config.eventsPerSecond(), nowNanos);
            this.reactions = new TokenBucket(config.reactionBurst(), config.reactionPerSecond(), nowNanos);
            this.clicks = new TokenBucket(10, 5, nowNanos);
        }
    }

    /** A dropped Socket.IO connection kept for recovery. */
    private record Parked(String connectionId, SocketIdentity identity, Map<UUID, String> rooms,
                          long disconnectedAtMillis) {
    }
}
