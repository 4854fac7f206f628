package com.streambazaar.realtime.service;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One session's room on this replica: its local members, the distinct viewers among them, the viewer counts other
 * replicas announce, coalescing state and the recent events kept for connection state recovery. Owned by the room
 * engine's thread.
 */
final class Room {

    static final int SHOWN_MESSAGES = 2_000;

    final UUID sessionId;
    final Map<RoomEngine.Conn, Member> members = new LinkedHashMap<>();
    /** viewer identity → how many local connections of it are in the room (one viewer, several tabs). */
    private final Map<String, Integer> viewers = new HashMap<>();
    final ArrayDeque<OutboundEvent> history = new ArrayDeque<>();
    final ReactionTally reactions = new ReactionTally();
    /** The chat messages most recently shown in the room, oldest first (see {@link #firstShowing}). */
    private final ArrayDeque<UUID> shownMessages = new ArrayDeque<>();
    private final Set<UUID> shownMessageIds = new HashSet<>();
    int parkedRefs;
    int sentCount = -1;
    long sentCountNanos = Long.MIN_VALUE / 2;
    int heartbeatCount;
    long heartbeatNanos = Long.MIN_VALUE / 2;

    Room(UUID sessionId) {
        this.sessionId = sessionId;
    }

    /** Distinct viewer identities of this replica (the creator is never one). */
    int localViewers() {
        return viewers.size();
    }

    void addViewer(String viewerId) {
        viewers.merge(viewerId, 1, Integer::sum);
    }

    void removeViewer(String viewerId) {
        viewers.computeIfPresent(viewerId, (id, n) -> n == 1 ? null : n - 1);
    }

    /** Keeps a recoverable event; drops the oldest beyond the count and age limits. */
    void remember(OutboundEvent event, int maxEvents, long oldestMillis) {
        history.addLast(event);
        while (history.size() > maxEvents || (!history.isEmpty() && history.peekFirst().atMillis() < oldestMillis)) {
            history.removeFirst();
        }
    }

    /**
     * True the first time a chat message is shown in the room. A message can arrive more than once: the replica's own
     * messages come back through Kafka after its echo memory forgot them (a broker outage longer than that memory),
     * and the outbox relay or a consumer rebalance can deliver an event again. Members hear each message once; only a
     * backlog of more than {@value #SHOWN_MESSAGES} messages of one room coming back at once could repeat its oldest.
     */
    boolean firstShowing(UUID messageId) {
        if (!shownMessageIds.add(messageId)) {
            return false;
        }
        shownMessages.addLast(messageId);
        if (shownMessages.size() > SHOWN_MESSAGES) {
            shownMessageIds.remove(shownMessages.removeFirst());
        }
        return true;
    }

    /** The members grouped by the event loop that writes to them, rebuilt after a change (lists never mutated). */
    private Lanes lanes;
    private long lanesNanos;

    void membersChanged() {
        lanes = null;
    }

    /**
     * The members by event loop, for a broadcast: cached, since a room of thousands hears many broadcasts per second.
     * Rebuilt after a membership change and at least every second, as a long-polling session that upgraded to
     * WebSocket gets a loop (until then it is delivered to directly, which works from any thread).
     */
    Lanes lanes(long nowNanos) {
        Lanes cached = lanes;
        if (cached != null && nowNanos - lanesNanos < 1_000_000_000L) {
            return cached;
        }
        java.util.Map<java.util.concurrent.Executor, java.util.List<ClientConnection>> byLane = new java.util.IdentityHashMap<>();
        java.util.List<ClientConnection> direct = new java.util.ArrayList<>();
        for (RoomEngine.Conn conn : members.keySet()) {
            java.util.concurrent.Executor lane = conn.link.lane();
            if (lane == null) {
                direct.add(conn.link);
            } else {
                byLane.computeIfAbsent(lane, l -> new java.util.ArrayList<>(members.size())).add(conn.link);
            }
        }
        cached = new Lanes(byLane, direct);
        lanes = cached;
        lanesNanos = nowNanos;
        return cached;
    }

    record Lanes(java.util.Map<java.util.concurrent.Executor, java.util.List<ClientConnection>> byLane,
                 java.util.List<ClientConnection> direct) {
    }

    boolean idle() {
        return members.isEmpty() && parkedRefs == 0 && heartbeatCount == 0;
    }

    /** One connection's stay in the room. {@code viewOpen} is false for the creator and after the session ended. */
    static final class Member {
        final RoomEngine.Conn conn;
        final UUID sessionId;
        final String deviceId;
        final String viewerId;
        final boolean publisher;
        UUID viewId;
        boolean viewOpen;

        Member(RoomEngine.Conn conn, UUID sessionId, String deviceId, String viewerId, boolean publisher) {
            this.conn = conn;
            this.sessionId = sessionId;
            this.deviceId = deviceId;
            this.viewerId = viewerId;
            this.publisher = publisher;
        }
    }
}
