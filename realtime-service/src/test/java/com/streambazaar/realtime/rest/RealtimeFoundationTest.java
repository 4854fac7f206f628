package com.streambazaar.realtime.rest;

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

/** realtime-service boots on its own schema and learns about sessions from session-service's events. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class RealtimeFoundationTest {

    @Test
    void roomBecomesKnownFromASessionEvent() {
        UUID sessionId = UUID.randomUUID();
        given().when().get("/api/sessions/" + sessionId + "/chat/count").then().statusCode(404)
                .body("success", equalTo(false));

        EventProbe.publish(Topics.SESSIONS, sessionId.toString(), EventProbe.envelope(UUID.randomUUID(),
                "session.created", "session-service", sessionId.toString(), session(sessionId, "scheduled")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + sessionId + "/chat/count")
                        .then().statusCode(200)
                        .body("success", equalTo(true))
                        .body("data.count", equalTo(0)));
    }

    @Test
    void malformedSessionIdIsA400() {
        given().when().get("/api/sessions/not-a-uuid/chat/count").then().statusCode(400)
                .body("field", equalTo("sessionId"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi?format=json").then().statusCode(200);
    }

    static Map<String, Object> session(UUID id, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id.toString());
        data.put("title", "Spring drop");
        data.put("tags", List.of());
        data.put("status", status);
        data.put("creatorId", 7);
        data.put("productIds", List.of());
        data.put("createdAt", Instant.now().toString());
        data.put("updatedAt", Instant.now().toString());
        return data;
    }
}
