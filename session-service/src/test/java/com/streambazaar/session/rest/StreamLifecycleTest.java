package com.streambazaar.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.session.agora.AgoraCredentials;
import com.streambazaar.session.agora.AgoraToken;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static com.streambazaar.session.rest.Fixtures.guest;
import static com.streambazaar.session.rest.Fixtures.sessionEvents;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle state machine through the stream routes and PATCH /status, with Agora tokens and events. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class StreamLifecycleTest {

    @Inject
    AgoraCredentials credentials;

    @Test
    void startStreamGoesLiveAndReturnsAPublisherTokenForTheChannel() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"going live\"}");
        String channel = "session_" + id.replace("-", "");

        JsonPath started = as(creator).when().post("/api/sessions/" + id + "/start-stream")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.sessionId", equalTo(id))
                .body("data.channelName", equalTo(channel))
                .body("data.uid", equalTo((int) creator.id()))
                .body("data.role", equalTo("publisher"))
                .body("data.appId", equalTo(credentials.appId()))
                .body("data.token", startsWith("007"))
                .extract().jsonPath();

        AgoraToken token = credentials.parser().parse(started.getString("data.token"));
        assertEquals(credentials.appId(), token.appId());
        assertEquals(channel, token.channelName());
        assertEquals(String.valueOf(creator.id()), token.uid());
        assertEquals(3600, token.expireSeconds(), "lifetime in relative seconds, not an absolute time");
        assertEquals(Map.of(1, 3600L, 2, 3600L, 3, 3600L, 4, 3600L), token.privileges());
        assertTrue(Math.abs(token.issueTs() - Instant.now().getEpochSecond()) < 60);
        assertEquals(token.expiresAt(), Instant.parse(started.getString("data.expiresAt")));
        assertTrue(started.getString("data.expiresAt").endsWith("Z"));

        guest().when().get("/api/sessions/" + id).then()
                .body("data.status", equalTo("live")).body("data.startedAt", notNullValue());
        JsonNode event = sessionEvents(id, "session.started", 1).get(0);
        assertEquals("live", event.path("data").path("status").asText());
        String startedAt = event.path("data").path("startedAt").asText();

        // already live: there is no live -> live transition (409 with the current status, as the system we replace
        // refused it); the show is unchanged and no second start is published; a lost token is refreshed instead
        as(creator).when().post("/api/sessions/" + id + "/start-stream")
                .then().statusCode(409).body("success", equalTo(false)).body("currentStatus", equalTo("live"))
                .body("message", equalTo("Session is already live"));
        guest().when().get("/api/sessions/" + id).then().body("data.startedAt", equalTo(startedAt));
        String again = as(creator).body("{\"role\":\"publisher\"}").when().post("/api/sessions/" + id + "/refresh-token")
                .then().statusCode(200).body("data.role", equalTo("publisher")).extract().path("data.token");
        assertNotEquals(started.getString("data.token"), again);
        assertEquals(1, Fixtures.allSessionEvents(id).stream()
                .filter(e -> "session.started".equals(e.path("type").asText())).count());
    }

    @Test
    void theStateMachineAcceptsOnlyItsTransitions() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"machine\"}");
        String statusUrl = "/api/sessions/" + id + "/status";

        as(creator).body("{\"status\":\"paused\"}").when().patch(statusUrl)
                .then().statusCode(409).body("success", equalTo(false)).body("currentStatus", equalTo("scheduled"));
        as(creator).body("{\"status\":\"scheduled\"}").when().patch(statusUrl)
                .then().statusCode(409).body("currentStatus", equalTo("scheduled"));
        as(creator).body("{\"status\":\"live\"}").when().patch(statusUrl)
                .then().statusCode(200).body("data.status", equalTo("live")).body("data.startedAt", notNullValue())
                .body("data.streamKey", notNullValue());
        as(creator).body("{\"status\":\"live\"}").when().patch(statusUrl)
                .then().statusCode(409).body("currentStatus", equalTo("live"));
        as(creator).body("{\"status\":\"scheduled\"}").when().patch(statusUrl)
                .then().statusCode(409).body("currentStatus", equalTo("live"));
        as(creator).body("{\"status\":\"paused\"}").when().patch(statusUrl)
                .then().statusCode(200).body("data.status", equalTo("paused"));
        // start-stream on a paused show resumes it
        as(creator).when().post("/api/sessions/" + id + "/start-stream")
                .then().statusCode(200).body("data.role", equalTo("publisher"));
        as(creator).body("{\"status\":\"paused\"}").when().patch(statusUrl).then().statusCode(200);
        as(creator).body("{\"status\":\"live\"}").when().patch(statusUrl)
                .then().statusCode(200).body("data.status", equalTo("live"));
        as(creator).body("{\"status\":\"ended\"}").when().patch(statusUrl)
                .then().statusCode(200).body("data.status", equalTo("ended")).body("data.endedAt", notNullValue());
        // ended is final
        for (String status : List.of("live", "paused", "scheduled", "ended")) {
            as(creator).body("{\"status\":\"" + status + "\"}").when().patch(statusUrl)
                    .then().statusCode(409).body("currentStatus", equalTo("ended"));
        }
        as(creator).when().post("/api/sessions/" + id + "/start-stream")
                .then().statusCode(409).body("currentStatus", equalTo("ended"));
        as(creator).when().post("/api/sessions/" + id + "/end-stream")
                .then().statusCode(409).body("currentStatus", equalTo("ended"));

        List<String> types = Fixtures.allSessionEvents(id).stream().map(e -> e.path("type").asText()).toList();
        assertEquals(List.of("session.created", "session.started", "session.paused", "session.resumed",
                "session.paused", "session.resumed", "session.ended"), types);
        sessionEvents(id, "session.paused", 2);
        sessionEvents(id, "session.resumed", 2);
        JsonNode ended = sessionEvents(id, "session.ended", 1).get(0);
        assertEquals("ended", ended.path("data").path("status").asText());
        assertTrue(!ended.path("data").path("endedAt").isNull());
    }

    @Test
    void endStreamEndsAndAScheduledSessionCanBeCancelled() {
        Fixtures.User creator = Fixtures.creator();
        String live = createSession(creator, "{\"title\":\"short show\"}");
        as(creator).when().post("/api/sessions/" + live + "/start-stream").then().statusCode(200);
        as(creator).when().post("/api/sessions/" + live + "/end-stream")
                .then().statusCode(200).body("success", equalTo(true)).body("message", notNullValue())
                .body("data", nullValue());
        guest().when().get("/api/sessions/" + live).then()
                .body("data.status", equalTo("ended")).body("data.endedAt", notNullValue());
        sessionEvents(live, "session.ended", 1);

        String cancelled = createSession(creator, "{\"title\":\"never aired\"}");
        as(creator).when().post("/api/sessions/" + cancelled + "/end-stream").then().statusCode(200);
        JsonNode ended = sessionEvents(cancelled, "session.ended", 1).get(0);
        assertTrue(ended.path("data").path("startedAt").isNull());
    }

    @Test
    void onlyTheOwnerDrivesTheStream() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"mine\"}");
        for (String route : List.of("start-stream", "end-stream")) {
            guest().when().post("/api/sessions/" + id + "/" + route).then().statusCode(401);
            as(Fixtures.viewer()).when().post("/api/sessions/" + id + "/" + route).then().statusCode(403);
            as(Fixtures.creator()).when().post("/api/sessions/" + id + "/" + route).then().statusCode(403);
            as(creator).when().post("/api/sessions/" + UUID.randomUUID() + "/" + route).then().statusCode(404);
            as(creator).when().post("/api/sessions/nope/" + route).then().statusCode(400);
        }
        as(Fixtures.viewer()).body("{\"status\":\"live\"}").when().patch("/api/sessions/" + id + "/status").then().statusCode(403);
        guest().body("{\"status\":\"live\"}").when().patch("/api/sessions/" + id + "/status").then().statusCode(401);
        as(creator).body("{}").when().patch("/api/sessions/" + id + "/status").then().statusCode(400).body("field", equalTo("status"));
        as(creator).body("{\"status\":\"onair\"}").when().patch("/api/sessions/" + id + "/status")
                .then().statusCode(400).body("field", equalTo("status"));
        as(creator).body("{\"status\":\"live\"}").when().patch("/api/sessions/" + UUID.randomUUID() + "/status")
                .then().statusCode(404);
        guest().when().get("/api/sessions/" + id).then().body("data.status", equalTo("scheduled"));
        // an admin may run anyone's show
        as(Fixtures.admin()).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);
    }

    @Test
    void viewersGetSubscriberTokensOnlyWhileStreaming() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"watch me\"}");
        String url = "/api/sessions/" + id + "/stream-token";

        guest().when().get(url).then().statusCode(400)
                .body("success", equalTo(false)).body("message", notNullValue()).body("currentStatus", equalTo("scheduled"));
        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);

        String guestToken = guest().when().get(url).then().statusCode(200)
                .body("data.role", equalTo("subscriber")).body("data.uid", equalTo(0))
                .body("data.channelName", equalTo("session_" + id.replace("-", "")))
                .body("data.sessionId", equalTo(id))
                .extract().path("data.token");
        AgoraToken decoded = credentials.parser().parse(guestToken);
        assertEquals("", decoded.uid(), "uid 0 is the wildcard, written as an empty string");
        assertEquals(Map.of(1, 3600L), decoded.privileges(), "a subscriber may only join");

        Fixtures.User viewer = Fixtures.viewer();
        String viewerToken = as(viewer).when().get(url).then().statusCode(200)
                .body("data.uid", equalTo((int) viewer.id())).extract().path("data.token");
        assertEquals(String.valueOf(viewer.id()), credentials.parser().parse(viewerToken).uid());

        // a token that is sent must be valid: no silent downgrade to guest
        guest().header("Authorization", "Bearer " + TestTokens.forged(viewer.id(), "x", "viewer"))
                .when().get(url).then().statusCode(401);
        guest().when().get("/api/sessions/" + UUID.randomUUID() + "/stream-token").then().statusCode(404);
        guest().when().get("/api/sessions/bad/stream-token").then().statusCode(400);

        as(creator).body("{\"status\":\"paused\"}").when().patch("/api/sessions/" + id + "/status").then().statusCode(200);
        guest().when().get(url).then().statusCode(200);
        as(creator).when().post("/api/sessions/" + id + "/end-stream").then().statusCode(200);
        guest().when().get(url).then().statusCode(400).body("currentStatus", equalTo("ended"));
    }

    @Test
    void refreshTokenGivesPublisherRightsOnlyToTheOwner() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"refresh\"}");
        String url = "/api/sessions/" + id + "/refresh-token";
        as(creator).body("{\"role\":\"publisher\"}").when().post(url).then().statusCode(400).body("currentStatus", equalTo("scheduled"));
        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);

        String publisher = as(creator).body("{\"role\":\"publisher\"}").when().post(url).then().statusCode(200)
                .body("data.role", equalTo("publisher")).body("data.uid", equalTo((int) creator.id()))
                .extract().path("data.token");
        assertEquals(4, credentials.parser().parse(publisher).privileges().size());

        guest().body("{\"role\":\"publisher\"}").when().post(url).then().statusCode(401);
        as(Fixtures.viewer()).body("{\"role\":\"publisher\"}").when().post(url).then().statusCode(403);
        as(Fixtures.admin()).body("{\"role\":\"publisher\"}").when().post(url).then().statusCode(403);
        as(creator).body("{\"role\":\"host\"}").when().post(url).then().statusCode(400).body("field", equalTo("role"));
        as(creator).body("{\"role\":7}").when().post(url).then().statusCode(400).body("field", equalTo("role"));

        guest().body("{\"role\":\"subscriber\"}").when().post(url).then().statusCode(200)
                .body("data.role", equalTo("subscriber")).body("data.uid", equalTo(0));
        Fixtures.User viewer = Fixtures.viewer();
        String subscriber = as(viewer).when().post(url).then().statusCode(200)
                .body("data.role", equalTo("subscriber")).body("data.uid", equalTo((int) viewer.id()))
                .extract().path("data.token");
        assertEquals(Map.of(1, 3600L), credentials.parser().parse(subscriber).privileges());
        guest().body("{\"role\":\"subscriber\"}").when().post("/api/sessions/" + UUID.randomUUID() + "/refresh-token")
                .then().statusCode(404);
    }

    @Test
    void agoraSelfTestIsForAdminsAndFlagsDevelopmentCredentials() {
        JsonPath body = as(Fixtures.admin()).when().get("/api/test-agora")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("message", notNullValue())
                .body("config.configured", equalTo(false))
                .body("config.development", equalTo(true))
                .body("config.appId", equalTo(credentials.appId()))
                .body("publisher.decoded.channelName", equalTo("bazaar_agora_self_test"))
                .body("publisher.decoded.expireSeconds", equalTo(3600))
                .body("publisher.decoded.privileges.joinChannel", equalTo(3600))
                .body("publisher.decoded.privileges.publishVideoStream", equalTo(3600))
                .body("subscriber.uid", equalTo(0))
                .body("subscriber.decoded.privileges.size()", equalTo(1))
                .extract().jsonPath();
        assertEquals(Instant.parse(body.getString("publisher.expiresAt")),
                Instant.parse(body.getString("publisher.decoded.expiresAt")));
        as(Fixtures.creator()).when().get("/api/test-agora").then().statusCode(403);
        as(Fixtures.viewer()).when().get("/api/test-agora").then().statusCode(403);
        guest().when().get("/api/test-agora").then().statusCode(401);
    }
}
