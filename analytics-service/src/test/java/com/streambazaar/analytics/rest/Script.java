package com.streambazaar.analytics.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ChatMessageDeleted;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.ViewerPresence;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestEvents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events of other services, built from the contract records (schema-checked by the test kit) at chosen instants, as
 * realtime-, session- and catalog-service would publish them. Each method returns the envelope sent, so a test can
 * deliver it again (a redelivery).
 */
final class Script {

    static final String REALTIME = "realtime-service";

    private Script() {
    }

    static String session(String type, UUID id, long creatorId, String creatorName, String status, Instant startedAt,
                          Instant endedAt, List<UUID> products, UUID activeProduct, Instant updatedAt) {
        return session(type, id, creatorId, creatorName, status, startedAt, endedAt, products, List.of(), activeProduct,
                updatedAt);
    }

    static String session(String type, UUID id, long creatorId, String creatorName, String status, Instant startedAt,
                          Instant endedAt, List<UUID> products, List<UUID> featured, UUID activeProduct,
                          Instant updatedAt) {
        SessionState state = new SessionState(id, "Spring drop", "desc", "fashion", List.of(), status, "ch-" + id,
                null, startedAt, endedAt, creatorId, creatorName, activeProduct, null, products,
                Instant.parse("2026-01-01T00:00:00Z"), updatedAt, featured);
        return TestEvents.publish(Topics.SESSIONS, type, "session-service", id.toString(), state);
    }

    static String product(UUID id, String name, long sellerId, Instant updatedAt) {
        ProductState state = new ProductState(id, name, null, new BigDecimal("19.90"), null, "fashion", true, null, null,
                sellerId, Instant.parse("2026-01-01T00:00:00Z"), updatedAt);
        return TestEvents.publish(Topics.PRODUCTS, ProductState.UPDATED, "catalog-service", id.toString(), state);
    }

    static String joined(UUID session, String viewerId, UUID stay, Instant at, String replica) {
        return presence(ViewerPresence.JOINED, session, viewerId, stay, at, replica, null);
    }

    static String left(UUID session, String viewerId, UUID stay, Instant at, String replica) {
        return presence(ViewerPresence.LEFT, session, viewerId, stay, at, replica, ViewerPresence.REASON_LEAVE);
    }

    private static String presence(String type, UUID session, String viewerId, UUID stay, Instant at, String replica,
                                   String reason) {
        Long userId = viewerId.startsWith("user:") ? Long.parseLong(viewerId.substring(5)) : null;
        String username = userId == null ? null : "user" + userId;
        String deviceId = viewerId.startsWith("device:") ? viewerId.substring(7) : null;
        ViewerPresence presence = new ViewerPresence(session, stay, viewerId, userId, username, deviceId,
                "conn-" + stay, replica, "ws", at, reason);
        return TestEvents.publish(Topics.PRESENCE, type, REALTIME, session.toString(), presence);
    }

    static String heartbeat(UUID session, String replica, int viewers, Instant at) {
        return TestEvents.publish(Topics.PRESENCE, RoomHeartbeat.TYPE, REALTIME, session.toString(),
                new RoomHeartbeat(session, replica, viewers, at));
    }

    static String chat(UUID session, UUID message, String viewerId, Instant at) {
        Long userId = viewerId.startsWith("user:") ? Long.parseLong(viewerId.substring(5)) : null;
        ChatMessagePosted posted = new ChatMessagePosted(message, session, userId, userId == null ? null : "user" + userId,
                userId == null ? "guest" : null, viewerId, "hello", at);
        return TestEvents.publish(Topics.CHAT, ChatMessagePosted.TYPE, REALTIME, session.toString(), posted);
    }

    static String chatDeleted(UUID session, UUID message, long moderator, Instant at) {
        return TestEvents.publish(Topics.CHAT, ChatMessageDeleted.TYPE, REALTIME, session.toString(),
                new ChatMessageDeleted(message, session, moderator, at));
    }

    static String reaction(UUID session, String viewerId, String type, Instant at) {
        Long userId = viewerId.startsWith("user:") ? Long.parseLong(viewerId.substring(5)) : null;
        return TestEvents.publish(Topics.REACTIONS, ReactionSent.SENT, REALTIME, session.toString(),
                new ReactionSent(session, type, userId, viewerId, at));
    }

    static String click(UUID session, UUID product, String viewerId, Instant at) {
        Long userId = viewerId.startsWith("user:") ? Long.parseLong(viewerId.substring(5)) : null;
        return TestEvents.publish(Topics.CLICKS, ProductClicked.TYPE, REALTIME, session.toString(),
                new ProductClicked(session, product, userId, viewerId, at));
    }

    /** Delivers an already published event once more (same eventId). */
    static void again(String topic, UUID key, String envelope) {
        EventProbe.publish(topic, key.toString(), envelope);
    }
}
