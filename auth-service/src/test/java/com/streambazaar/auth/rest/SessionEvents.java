package com.streambazaar.auth.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.TestEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.streambazaar.auth.rest.TestAccounts.body;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Session events "from session-service" (contract records, schema-checked) and the live list they feed. */
final class SessionEvents {

    private SessionEvents() {
    }

    /** Publishes the state of {@code session}, hosted by {@code creator}, as of {@code updatedAt}. */
    static void publish(String type, UUID session, TestAccounts.Account creator, String status, Instant updatedAt) {
        Instant startedAt = updatedAt.minusSeconds(60);
        SessionState state = new SessionState(session, "Show of " + creator.username(), null, null, List.of(), status,
                "ch-" + session, null, startedAt, SessionState.STATUS_ENDED.equals(status) ? updatedAt : null,
                creator.id(), creator.username(), null, null, List.of(), startedAt.minusSeconds(60), updatedAt);
        TestEvents.publish(Topics.SESSIONS, type, "session-service", session.toString(), state);
    }

    static boolean listedAsLive(long userId) {
        return liveStatus(userId) != null;
    }

    /** The status of the user's session in /api/users/live (live or paused), or null when not listed. */
    static String liveStatus(long userId) {
        for (var user : body(given().when().get("/api/users/live").then().statusCode(200)).path("data")) {
            if (user.path("id").asLong() == userId) {
                return user.path("liveSession").path("status").asText();
            }
        }
        return null;
    }

    static void awaitLive(long userId, boolean live) {
        await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> listedAsLive(userId) == live);
    }
}
