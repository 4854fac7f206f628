package com.streambazaar.realtime.rest;

import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.realtime.support.FakeSessionService;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** realtime-service boots on its own schema and learns about sessions from session-service's events. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class RealtimeFoundationTest {

    @Test
    void roomBecomesKnownFromASessionEventAndADeleteLeavesATombstone() throws InterruptedException {
        UUID sessionId = UUID.randomUUID();
        given().when().get("/api/sessions/" + sessionId + "/chat/count").then().statusCode(404)
                .body("success", equalTo(false));
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Rooms.publish(SessionState.CREATED, Rooms.state(sessionId, 7, SessionState.STATUS_SCHEDULED, List.of(), created));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + sessionId + "/chat/count")
                        .then().statusCode(200).body("success", equalTo(true)).body("data.count", equalTo(0)));

        Rooms.publish(SessionState.DELETED, Rooms.state(sessionId, 7, SessionState.STATUS_SCHEDULED, List.of(),
                created.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + sessionId + "/chat/count").then().statusCode(404));
        // a late, older update never brings the deleted session back
        Rooms.publish(SessionState.UPDATED, Rooms.state(sessionId, 7, SessionState.STATUS_LIVE, List.of(),
                created.plusSeconds(2)));
        Thread.sleep(1500);
        given().when().get("/api/sessions/" + sessionId + "/chat/count").then().statusCode(404);
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
}
