package com.streambazaar.analytics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live session: its figures are published on bazaar.session-stats.v1 every 2 s (valid against the schema),
 * conversion stats and reactions are live and public, the creator sees who is watching, and the session's end closes
 * the open views at the end.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class LiveSessionFiguresTest {

    static final long CREATOR = 7002;

    @Test
    void liveFiguresArePublishedAndPublicWhileLive() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID l = UUID.randomUUID();
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        String owner = TestTokens.creator(CREATOR, "lee");
        Script.product(p1, "Tote bag", CREATOR, now.minusSeconds(3600));
        Script.product(p2, "Scarf", CREATOR, now.minusSeconds(3600));
        Instant start = now.minus(Duration.ofMinutes(10));
        Script.session(SessionState.STARTED, l, CREATOR, "lee", "live", start, null, List.of(p1, p2), p1, start);

        String replica = "rt-live";
        UUID x = UUID.randomUUID();
        Script.joined(l, "user:201", UUID.randomUUID(), now.minus(Duration.ofMinutes(8)), replica);
        Script.joined(l, "device:x", x, now.minus(Duration.ofMinutes(6)), replica);
        Script.left(l, "device:x", x, now.minus(Duration.ofMinutes(2)), replica);
        Script.joined(l, "user:202", UUID.randomUUID(), now.minus(Duration.ofMinutes(3)), replica);
        Script.chat(l, UUID.randomUUID(), "user:201", now.minus(Duration.ofMinutes(5)));
        Script.chat(l, UUID.randomUUID(), "user:201", now.minusSeconds(30));
        Script.reaction(l, "user:201", "like", now.minusSeconds(200));
        Script.reaction(l, "device:x", "like", now.minusSeconds(190));
        Script.reaction(l, "user:202", "like", now.minusSeconds(100));
        Script.reaction(l, "user:201", "heart", now.minusSeconds(50));
        Script.click(l, p2, "user:201", now.minus(Duration.ofMinutes(7)));
        Script.click(l, p2, "device:x", now.minus(Duration.ofMinutes(4)));
        Script.click(l, p1, "user:202", now.minus(Duration.ofMinutes(2)));
        Script.click(l, p1, "user:201", now.minus(Duration.ofMinutes(1)));

        // the replica keeps beating while we look
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Script.heartbeat(l, replica, 2, Instant.now());
            JsonPath live = given().auth().oauth2(owner).when().get("/api/sessions/" + l + "/analytics/live")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(2, live.getInt("liveViewerCount"));
            assertEquals(List.of("user:202", "user:201"), live.getList("viewers.viewerId"));
            assertTrue(live.getLong("viewers[0].watchDuration") >= 179);
        });

        List<EventProbe.Received> published = EventProbe.await(Topics.SESSION_STATS, e ->
                l.toString().equals(e.path("key").asText()) && e.path("data").path("totalViews").asInt() == 3
                        && e.path("data").path("reactions").asInt() == 4 && e.path("data").path("clicks").asInt() == 4
                        && e.path("data").path("messages").asInt() == 2
                        && e.path("data").path("currentViewers").asInt() == 2, 1, Duration.ofSeconds(60));
        JsonNode event = published.get(published.size() - 1).envelope();
        EventSchemas.assertValid(event);
        assertEquals("session.stats", event.path("type").asText());
        assertEquals("analytics-service", event.path("source").asText());
        JsonNode data = event.path("data");
        assertEquals(3, data.path("peakViewers").asInt());
        assertEquals(3, data.path("uniqueViewers").asInt());
        assertEquals(3, data.path("engagedViewers").asInt());
        assertEquals(1.0, data.path("chatMessagesPerMinute").asDouble());
        assertEquals(3, data.path("reactionCounts").path("like").asInt());
        assertEquals(75, data.path("reactionPercentages").path("like").asInt());
        assertEquals(25, data.path("reactionPercentages").path("heart").asInt());
        // 8 + 4 + 3 minutes over 3 views, give or take the seconds since `now`
        double averageWatch = data.path("averageWatchTimeSeconds").asDouble();
        assertTrue(averageWatch >= 300 && averageWatch < 360, "average watch " + averageWatch);
        List<String> products = new ArrayList<>();
        data.path("productStats").forEach(p -> products.add(p.path("productId").asText() + ":"
                + p.path("uniqueClicks").asInt() + "/" + p.path("totalClicks").asInt() + "@"
                + p.path("clickThroughRate").asDouble()));
        assertEquals(List.of(p1 + ":2/2@0.6667", p2 + ":2/2@0.6667"), products);
        List<String> trending = new ArrayList<>();
        data.path("trendingProducts").forEach(p -> trending.add(p.path("rank").asInt() + ":" + p.path("productId").asText()
                + ":" + p.path("uniqueClicks").asInt() + "/" + p.path("totalClicks").asInt()));
        // P2's click by user:201 is older than 5 minutes
        assertEquals(List.of("1:" + p1 + ":2/2", "2:" + p2 + ":1/1"), trending);

        JsonPath conversion = given().when().get("/api/sessions/" + l + "/conversion-stats")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("live", conversion.getString("sessionStatus"));
        assertEquals(3, conversion.getInt("data.totalViewers"));
        assertEquals(List.of("Tote bag", "Scarf"), conversion.getList("data.products.productName"));
        assertEquals(66.67f, conversion.getFloat("data.products[0].clickThroughRate"));
        JsonPath reactions = given().when().get("/api/sessions/" + l + "/reactions")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(true, reactions.getBoolean("data.isLive"));
        assertEquals("live", reactions.getString("data.sessionStatus"));
        assertEquals(4, reactions.getInt("data.total"));
        JsonPath dashboard = given().auth().oauth2(owner).when().get("/api/sessions/" + l + "/analytics")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, dashboard.getInt("viewers.current"));
        assertEquals(3, dashboard.getInt("viewers.peak"));
        assertEquals(now.minus(Duration.ofMinutes(3)).toString(), dashboard.getString("viewers.peakAt"));
        assertEquals(3, dashboard.getInt("viewers.engaged"));

        // the end closes the open views at the end, and a final snapshot goes out
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Script.session(SessionState.ENDED, l, CREATOR, "lee", "ended", start, end, List.of(p1, p2), null, end);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath live = given().auth().oauth2(owner).when().get("/api/sessions/" + l + "/analytics/live")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(0, live.getInt("liveViewerCount"));
            JsonPath views = given().auth().oauth2(owner).when().get("/api/sessions/" + l + "/analytics/viewers")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(end.toString(), end.toString()), List.of(views.getString("viewers[0].leftAt"),
                    views.getString("viewers[2].leftAt")));
            assertEquals(List.of(false, false, false), views.getList("viewers.isActive"));
        });
        EventProbe.await(Topics.SESSION_STATS, e -> l.toString().equals(e.path("key").asText())
                && e.path("data").path("currentViewers").asInt() == 0
                && e.path("data").path("totalViews").asInt() == 3, 1, Duration.ofSeconds(30));
    }
}
