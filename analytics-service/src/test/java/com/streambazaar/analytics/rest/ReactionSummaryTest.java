package com.streambazaar.analytics.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** analytics-service counts reactions from realtime-service's events, exactly once each. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ReactionSummaryTest {

    @Test
    void reactionsAreCountedOnceEvenWhenRedelivered() {
        UUID sessionId = UUID.randomUUID();
        given().when().get("/api/sessions/" + sessionId + "/reactions").then().statusCode(404);

        EventProbe.publish(Topics.SESSIONS, sessionId.toString(), EventProbe.envelope(UUID.randomUUID(),
                "session.started", "session-service", sessionId.toString(), session(sessionId, "live")));
        String heart = reaction(sessionId, "heart");
        EventProbe.publish(Topics.REACTIONS, sessionId.toString(), heart);
        EventProbe.publish(Topics.REACTIONS, sessionId.toString(), heart); // redelivery of the same event
        EventProbe.publish(Topics.REACTIONS, sessionId.toString(), reaction(sessionId, "heart"));
        EventProbe.publish(Topics.REACTIONS, sessionId.toString(), reaction(sessionId, "fire"));
        EventProbe.publish(Topics.REACTIONS, sessionId.toString(), reaction(sessionId, "not-a-reaction"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + sessionId + "/reactions")
                        .then().statusCode(200)
                        .body("success", equalTo(true))
                        .body("data.sessionId", equalTo(sessionId.toString()))
                        .body("data.sessionStatus", equalTo("live"))
                        .body("data.isLive", equalTo(true))
                        .body("data.reactions.heart", equalTo(2))
                        .body("data.reactions.fire", equalTo(1))
                        .body("data.sortedReactions[0].type", equalTo("heart"))
                        .body("data.total", equalTo(3)));
    }

    @Test
    void malformedSessionIdIsA400() {
        given().when().get("/api/sessions/1-2-3-4-5/reactions").then().statusCode(400).body("field", equalTo("sessionId"));
    }

    private static String reaction(UUID sessionId, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", sessionId.toString());
        data.put("type", type);
        data.put("userId", null);
        data.put("viewerId", "device-1");
        data.put("at", Instant.now().toString());
        return EventProbe.envelope(UUID.randomUUID(), "reaction.sent", "realtime-service", sessionId.toString(), data);
    }

    static Map<String, Object> session(UUID id, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id.toString());
        data.put("title", "Spring drop");
        data.put("tags", List.of());
        data.put("status", status);
        data.put("creatorId", 7);
        data.put("productIds", List.of());
        data.put("startedAt", Instant.now().toString());
        data.put("createdAt", Instant.now().toString());
        data.put("updatedAt", Instant.now().toString());
        return data;
    }
}
