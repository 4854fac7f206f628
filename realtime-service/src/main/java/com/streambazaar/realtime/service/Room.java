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
