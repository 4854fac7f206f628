package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.streambazaar.auth.rest.TestAccounts.body;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/users: the public list, one user, and who is live (fed by bazaar.sessions.v1). */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class UsersTest {

    @Test
    void listIsPaginatedAndNeverShowsEmails() {
        for (int i = 0; i < 3; i++) {
            register(null);
        }
        JsonNode all = body(given().when().get("/api/users?limit=100").then().statusCode(200)
                .body("success", equalTo(true)).body("count", notNullValue()));
        assertTrue(all.path("data").size() >= 3);
        assertEquals(all.path("data").size(), all.path("count").asInt());
        for (JsonNode user : all.path("data")) {
            assertTrue(user.path("id").isIntegralNumber());
            assertFalse(user.has("email"), "no other user's email is ever shown");
            assertFalse(user.has("passwordHash"));
            assertFalse(user.has("updatedAt"));
            assertTrue(user.has("username") && user.has("role") && user.has("createdAt"));
        }

        JsonNode firstTwo = body(given().when().get("/api/users?limit=2").then().statusCode(200).body("count", equalTo(2)));
        JsonNode nextTwo = body(given().when().get("/api/users?limit=2&offset=1").then().statusCode(200));
        assertEquals(firstTwo.path("data").get(1), nextTwo.path("data").get(0), "offset skips in id order");
        given().when().get("/api/users?offset=100000").then().statusCode(200).body("count", equalTo(0));

        int defaultPage = body(given().when().get("/api/users").then().statusCode(200)).path("data").size();
        assertTrue(defaultPage <= 20, "default limit is 20");
    }

    @Test
    void badPaginationIs400() {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=-5", "offset=-1", "offset=x", "limit=1.5")) {
            given().when().get("/api/users?" + query).then().statusCode(400).body("success", equalTo(false))
                    .body("field", equalTo(query.substring(0, query.indexOf('='))));
        }
    }

    @Test
    void userByIdIsPublicAndRefusesBadIds() {
        TestAccounts.Account account = register("creator");
        given().when().get("/api/users/" + account.id()).then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.id", equalTo((int) account.id()))
                .body("data.username", equalTo(account.username()))
                .body("data.role", equalTo("creator"))
                .body("data.createdAt", notNullValue())
                .body("data", not(hasKey("email")));
        // even the user themselves sees only the public card here
        given().header("Authorization", account.bearer()).when().get("/api/users/" + account.id())
                .then().statusCode(200).body("data", not(hasKey("email")));
        given().when().get("/api/users/999999999").then().statusCode(404).body("success", equalTo(false))
                .body("error", equalTo("not_found"));
        for (String bad : List.of("abc", "12abc", "0", "-3", "99999999999999999999999")) {
            given().when().get("/api/users/" + bad).then().statusCode(400).body("field", equalTo("id"));
        }
    }

    @Test
    void liveUsersFollowSessionEventsInOrder() {
        TestAccounts.Account creator = register("creator");
        UUID session = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // noise first: a poison record must not stop the consumer
        EventProbe.publish(Topics.SESSIONS, session.toString(), "{not json");
        publish("session.started", state(session, creator, "live", t0, t0.plusSeconds(1)));
        JsonNode live = awaitLive(creator.id(), true);
        assertEquals(creator.username(), live.path("username").asText());
        assertEquals("creator", live.path("role").asText());
        assertFalse(live.has("email"));
        JsonNode card = live.path("liveSession");
        assertEquals(session.toString(), card.path("id").asText());
        assertEquals("Spring sale", card.path("title").asText());
        assertEquals("All about shoes", card.path("description").asText());
        assertEquals("fashion", card.path("category").asText());
        assertEquals(List.of("shoes", "sale"), List.of(card.path("tags").get(0).asText(), card.path("tags").get(1).asText()));
        assertEquals("live", card.path("status").asText());
        assertEquals(t0.toString(), card.path("startedAt").asText());
        assertEquals("ch-" + session, card.path("agoraChannelName").asText());

        publish("session.paused", state(session, creator, "paused", t0, t0.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "paused".equals(
                liveEntry(creator.id()).path("liveSession").path("status").asText()));

        publish("session.ended", state(session, creator, "ended", t0, t0.plusSeconds(3)));
        awaitLive(creator.id(), false);

        // a late, older event (redelivered or reordered) does not bring the session back
        publish("session.resumed", state(session, creator, "live", t0, t0.plusSeconds(2)));
        UUID marker = UUID.randomUUID();
        TestAccounts.Account other = register("creator");
        publish("session.started", state(marker, other, "live", t0, t0.plusSeconds(1)));
        awaitLive(other.id(), true);
        assertTrue(liveEntry(creator.id()).isMissingNode(), "an ended session stays ended");
    }

    @Test
    void deletedSessionsLeaveTheLiveList() {
        TestAccounts.Account creator = register("creator");
        UUID session = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionState liveState = state(session, creator, "live", t0, t0.plusSeconds(1));
        publish("session.started", liveState);
        awaitLive(creator.id(), true);
        publish("session.deleted", liveState);
        awaitLive(creator.id(), false);
    }

    private static JsonNode awaitLive(long userId, boolean present) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> liveEntry(userId).isMissingNode() != present);
        return liveEntry(userId);
    }

    private static JsonNode liveEntry(long userId) {
        JsonNode body = body(given().when().get("/api/users/live").then().statusCode(200)
                .body("success", equalTo(true)));
        assertEquals(body.path("data").size(), body.path("count").asInt());
        for (JsonNode user : body.path("data")) {
            if (user.path("id").asLong() == userId) {
                return user;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Publishes a session event "from session-service" (built from the contract record, schema-checked). */
    private static void publish(String type, SessionState state) {
        TestEvents.publish(Topics.SESSIONS, type, "session-service", state.id().toString(), state);
    }

    private static SessionState state(UUID id, TestAccounts.Account creator, String status, Instant startedAt,
                                      Instant updatedAt) {
        return new SessionState(id, "Spring sale", "All about shoes", "fashion", List.of("shoes", "sale"), status,
                "ch-" + id, null, startedAt, SessionState.STATUS_ENDED.equals(status) ? updatedAt : null,
                creator.id(), creator.username(), null, null, List.of(), startedAt.minusSeconds(60), updatedAt);
    }
}
