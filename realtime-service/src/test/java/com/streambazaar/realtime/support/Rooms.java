package com.streambazaar.realtime.support;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sessions "from session-service" for tests: published on bazaar.sessions.v1 as it would, then awaited. */
public final class Rooms {

    private Rooms() {
    }

    public static SessionState state(UUID id, long creatorId, String status, List<UUID> products, Instant updatedAt) {
        Instant started = SessionState.STATUS_LIVE.equals(status) ? updatedAt : null;
        return new SessionState(id, "Spring drop", "Live show", "fashion", List.of("spring"), status,
                "session-" + id, null, started, SessionState.STATUS_ENDED.equals(status) ? updatedAt : null, creatorId,
                "creator" + creatorId, null, null, products, updatedAt.minusSeconds(60), updatedAt);
    }

    /** A live session known to realtime-service (the room read model has it). */
    public static UUID live(long creatorId, List<UUID> products) {
        UUID id = UUID.randomUUID();
        publish(SessionState.STARTED, state(id, creatorId, SessionState.STATUS_LIVE, products,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        awaitKnown(id);
        return id;
    }

    public static void publish(String type, SessionState state) {
        TestEvents.publish(Topics.SESSIONS, type, "session-service", state.id().toString(), state);
    }

    public static void awaitKnown(UUID id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().get("/api/sessions/" + id + "/chat/count").statusCode() == 200);
    }

    public static SessionState showcased(SessionState live, UUID productId) {
        ProductState product = new ProductState(productId, "Linen shirt", "Soft", new java.math.BigDecimal("29.90"),
                null, "fashion", true, null, null, live.creatorId(), live.createdAt(), live.createdAt());
        return new SessionState(live.id(), live.title(), live.description(), live.category(), live.tags(), live.status(),
                live.agoraChannelName(), null, live.startedAt(), null, live.creatorId(), live.creatorUsername(),
                productId, product, live.productIds(), live.createdAt(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
