package com.streambazaar.analytics.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scripted session with known answers: viewers joining and leaving at known instants, a rejoin inside and one
 * outside 30 s, a late stay that merges two views, a leave delivered before its join, a viewer in the lobby before the
 * start, a view left open at the session's end, a replica that dies, the creator in their own room, duplicates of
 * several events, and session states out of order. Every figure is asserted exactly.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ScriptedSessionFiguresTest {

    static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    static final long CREATOR = 7001;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static Instant at(String clock) {
        return Instant.parse("2026-03-01T" + clock + "Z");
    }

    @Test
    void everyFigureOfAScriptedSessionIsExact() {
        UUID s = UUID.randomUUID();
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        UUID p3 = UUID.randomUUID();
        UUID p4 = UUID.randomUUID();
        String owner = TestTokens.creator(CREATOR, "maya");
        List<UUID> products = List.of(p1, p2, p3);

        Script.product(p1, "Linen shirt", CREATOR, at("08:00:00"));
        Script.product(p2, "Straw hat", CREATOR, at("08:00:00"));
        Script.product(p3, "Sandals", CREATOR, at("08:00:00"));
        Script.product(p4, "Sunglasses", CREATOR, at("08:00:00"));
        // an older name arriving later changes nothing
        Script.product(p1, "Old shirt name", CREATOR, at("07:00:00"));

        // session states out of order: the final state first, the older ones after it
        // the newest state: the creator featured the straw hat (p2)
        Script.session(SessionState.ENDED, s, CREATOR, "maya", "ended", T0, at("10:20:00"), products, List.of(p2), p2,
                at("10:20:00"));
        Script.session(SessionState.STARTED, s, CREATOR, "maya", "live", T0, null, products, null, at("10:00:00"));
        Script.session(SessionState.CREATED, s, CREATOR, "maya", "scheduled", null, null, products, null, at("09:00:00"));

        String r1 = "rt-1";
        String r2 = "rt-2";
        // the creator in their own room is never a viewer
        UUID creatorStay = UUID.randomUUID();
        Script.joined(s, "user:" + CREATOR, creatorStay, at("10:00:00"), r1);
        Script.left(s, "user:" + CREATOR, creatorStay, at("10:20:00"), r1);

        // user:101 leaves and rejoins 20 s later: one view of 6 min
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        String a1Joined = Script.joined(s, "user:101", a1, at("10:00:10"), r1);
        Script.left(s, "user:101", a1, at("10:02:10"), r1);
        Script.joined(s, "user:101", a2, at("10:02:30"), r1);
        String a2Left = Script.left(s, "user:101", a2, at("10:06:10"), r1);
        // device d1 rejoins after 40 s: two views (20 s and 60 s)
        UUID b1 = UUID.randomUUID();
        UUID b2 = UUID.randomUUID();
        Script.joined(s, "device:d1", b1, at("10:01:00"), r1);
        Script.left(s, "device:d1", b1, at("10:01:20"), r1);
        Script.joined(s, "device:d1", b2, at("10:02:00"), r1);
        Script.left(s, "device:d1", b2, at("10:03:00"), r1);
        // in the lobby before the start: watch time counts from the start (30 s)
        UUID c1 = UUID.randomUUID();
        Script.joined(s, "connection:c9", c1, at("09:59:00"), r1);
        Script.left(s, "connection:c9", c1, at("10:00:30"), r1);
        // never leaves: closed at the session's end (15 min)
        Script.joined(s, "user:102", UUID.randomUUID(), at("10:05:00"), r1);
        // on replica rt-2, which dies after its heartbeat at 10:08:05 (4 min 5 s)
        Script.joined(s, "user:103", UUID.randomUUID(), at("10:04:00"), r2);
        Script.heartbeat(s, r2, 1, at("10:04:05"));
        Script.heartbeat(s, r2, 1, at("10:08:05"));
        // device d2: two views 60 s apart, then a late stay bridging them: one view of 2 min, 3 stays;
        // the second stay's leave arrives before its join
        UUID g1 = UUID.randomUUID();
        UUID g2 = UUID.randomUUID();
        UUID g3 = UUID.randomUUID();
        Script.joined(s, "device:d2", g1, at("10:10:00"), r1);
        Script.left(s, "device:d2", g1, at("10:10:30"), r1);
        Script.left(s, "device:d2", g2, at("10:12:00"), r1);
        Script.joined(s, "device:d2", g2, at("10:11:30"), r1);
        Script.joined(s, "device:d2", g3, at("10:10:25"), r1);
        Script.left(s, "device:d2", g3, at("10:11:10"), r1);

        // chat: three messages count (one of them the creator's); c9's message is deleted, the deletion seen first
        UUID m1 = UUID.randomUUID();
        UUID m3 = UUID.randomUUID();
        String m1Posted = Script.chat(s, m1, "user:101", at("10:01:30"));
        Script.chat(s, UUID.randomUUID(), "device:d1", at("10:02:15"));
        Script.chatDeleted(s, m3, CREATOR, at("10:00:40"));
        Script.chat(s, m3, "connection:c9", at("10:00:20"));
        Script.chat(s, UUID.randomUUID(), "user:" + CREATOR, at("10:03:00"));
        // reactions: heart 2, fire 1, love 1
        Script.reaction(s, "user:101", "love", at("10:03:30"));
        Script.reaction(s, "user:103", "fire", at("10:05:30"));
        Script.reaction(s, "user:102", "heart", at("10:06:00"));
        String d2Heart = Script.reaction(s, "device:d2", "heart", at("10:10:40"));
        // clicks: P1 3 clicks by 2 viewers, P2 1; the creator's own click does not count
        Script.click(s, p1, "user:101", at("10:02:00"));
        Script.click(s, p1, "device:d1", at("10:02:30"));
        Script.click(s, p1, "user:101", at("10:04:00"));
        String click103 = Script.click(s, p2, "user:103", at("10:05:00"));
        Script.click(s, p3, "user:" + CREATOR, at("10:06:00"));

        // redeliveries change nothing
        Script.again(Topics.PRESENCE, s, a1Joined);
        Script.again(Topics.PRESENCE, s, a2Left);
        Script.again(Topics.CHAT, s, m1Posted);
        Script.again(Topics.REACTIONS, s, d2Heart);
        Script.again(Topics.CLICKS, s, click103);
        // rt-1 stays alive past the end
        Script.heartbeat(s, r1, 3, at("10:15:00"));
        Script.heartbeat(s, r1, 1, at("10:20:30"));

        // a second session of the same creator: user:101 again and device d9 (peak 2 at 10:01)
        UUID s2 = UUID.randomUUID();
        Instant d2Start = Instant.parse("2026-03-02T10:00:00Z");
        Script.session(SessionState.ENDED, s2, CREATOR, "maya", "ended", d2Start, d2Start.plusSeconds(600), List.of(p4),
                null, d2Start.plusSeconds(600));
        UUID e1 = UUID.randomUUID();
        UUID e2 = UUID.randomUUID();
        Script.joined(s2, "user:101", e1, d2Start, r1);
        Script.left(s2, "user:101", e1, d2Start.plusSeconds(300), r1);
        Script.joined(s2, "device:d9", e2, d2Start.plusSeconds(60), r1);
        Script.left(s2, "device:d9", e2, d2Start.plusSeconds(120), r1);
        Script.click(s2, p4, "device:d9", d2Start.plusSeconds(90));
        Script.heartbeat(s2, r1, 0, d2Start.plusSeconds(700));
        // a deleted session of the creator counts nowhere
        UUID s3 = UUID.randomUUID();
        Script.session(SessionState.DELETED, s3, CREATOR, "maya", "ended", d2Start, d2Start.plusSeconds(60), List.of(),
                null, d2Start.plusSeconds(3600));
        Script.joined(s3, "device:zz", UUID.randomUUID(), d2Start, r1);

        awaitDashboard(s, owner);
        viewsExportAndCreatorFigures(s, c1, g1, p1, p2, p3, owner);
    }

    /** The dashboard of the scripted session, once every event has been applied. */
    void awaitDashboard(UUID s, String owner) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath d = given().config(DOUBLES).auth().oauth2(owner).when().get("/api/sessions/" + s + "/analytics")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(s.toString(), d.getString("sessionId"));
            assertEquals("ended", d.getString("session.status"));
            assertEquals("maya", d.getString("session.creator.username"));
            assertEquals(7, d.getInt("viewers.total"));
            assertEquals(6, d.getInt("viewers.unique"));
            assertEquals(3, d.getInt("viewers.uniqueSignedIn"));
            assertEquals(3, d.getInt("viewers.uniqueAnonymous"));
            assertEquals(3, d.getInt("viewers.peak"));
            assertEquals("2026-03-01T10:05:00Z", d.getString("viewers.peakAt"));
            assertEquals(0, d.getInt("viewers.current"));
            assertEquals(1735.0, d.getDouble("viewers.totalWatchTime"));
            assertEquals(247.857, d.getDouble("viewers.avgWatchTime"));
            assertEquals("4m 8s", d.getString("viewers.avgWatchTimeFormatted"));
            assertEquals(289.167, d.getDouble("viewers.avgWatchTimePerViewer"));
            assertEquals(1.45, d.getDouble("viewers.averageConcurrent"));
            assertEquals(5, d.getInt("viewers.engaged"));

            assertEquals(List.of("0-30s", "30s-1m", "1m-5m", "5m-15m", "15m-30m", "30m+"),
                    d.getList("engagement.retention.ranges.label"));
            assertEquals(List.of(1, 1, 3, 1, 1, 0), d.getList("engagement.retention.ranges.count", Integer.class));
            assertEquals(45.0, d.getDouble("engagement.retention.p25"));
            assertEquals(120.0, d.getDouble("engagement.retention.median"));
            assertEquals(302.5, d.getDouble("engagement.retention.p75"));
            assertEquals(576.0, d.getDouble("engagement.retention.p90"));
            assertEquals("2m 0s", d.getString("engagement.retention.medianFormatted"));
            assertEquals("9m 36s", d.getString("engagement.retention.p90Formatted"));

            assertEquals(List.of("2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z"),
                    d.getList("engagement.viewerTimeline.timestamp"));
            assertEquals(List.of(1, 6), d.getList("engagement.viewerTimeline.joins", Integer.class));
            assertEquals(List.of(0, 7), d.getList("engagement.viewerTimeline.leaves", Integer.class));
            assertEquals(List.of(0, 3), d.getList("engagement.viewerTimeline.messages", Integer.class));
            assertEquals(List.of(0, 4), d.getList("engagement.viewerTimeline.reactions", Integer.class));
            assertEquals(List.of(0, 4), d.getList("engagement.viewerTimeline.clicks", Integer.class));

            // concurrency at the first instant of each minute, 09:59 .. 10:20
            assertEquals(List.of(0, 1, 2, 2, 1, 2, 3, 3, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0),
                    d.getList("engagement.concurrencyCurve.viewers", Integer.class));
            assertEquals("2026-03-01T09:59:00Z", d.getString("engagement.concurrencyCurve[0].timestamp"));
            List<Map<String, Object>> minutes = d.getList("engagement.minuteTimeline");
            assertEquals(22, minutes.size());
            assertEquals(List.of(1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                    d.getList("engagement.minuteTimeline.joins", Integer.class));
            assertEquals(List.of(0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1),
                    d.getList("engagement.minuteTimeline.leaves", Integer.class));
            assertEquals(List.of(0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                    d.getList("engagement.minuteTimeline.messages", Integer.class));
            assertEquals(List.of(0, 0, 0, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                    d.getList("engagement.minuteTimeline.clicks", Integer.class));
            assertEquals(3, d.getInt("engagement.messages"));

            assertEquals(4, d.getInt("reactions.total"));
            assertEquals(Map.of("heart", 2, "fire", 1, "love", 1), d.getMap("reactions.breakdown"));
            assertEquals(Map.of("heart", 50, "fire", 25, "love", 25), d.getMap("reactions.percentages"));

            assertEquals(3, d.getInt("products.total"));
            assertEquals(1, d.getInt("products.featured"));
            assertEquals(List.of("Linen shirt", "Straw hat", "Sandals"), d.getList("products.list.name"));
            assertEquals(List.of(false, true, false), d.getList("products.list.featured"));
            assertEquals(List.of(0, 1, 2), d.getList("products.list.displayOrder", Integer.class));
            assertEquals(List.of(3, 1, 0), d.getList("products.list.totalClicks", Integer.class));
            assertEquals(List.of(2, 1, 0), d.getList("products.list.uniqueClicks", Integer.class));
            assertEquals(List.of(33.33, 16.67, 0.0), d.getList("products.list.clickThroughRate", Double.class));
        });
    }

    /** The views themselves, the public figures, the creator-wide figures and the export of the same script. */
    void viewsExportAndCreatorFigures(UUID s, UUID c1, UUID g1, UUID p1, UUID p2, UUID p3, String owner) {

        // the views themselves
        JsonPath history = given().config(DOUBLES).auth().oauth2(owner)
                .when().get("/api/sessions/" + s + "/analytics/viewers?limit=50")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(7, history.getInt("total"));
        assertEquals(List.of("device:d2", "user:102", "user:103", "device:d1", "device:d1", "user:101",
                "connection:c9"), history.getList("viewers.viewerId"));
        assertEquals(List.of(120.0, 900.0, 245.0, 60.0, 20.0, 360.0, 30.0),
                history.getList("viewers.watchDuration", Double.class));
        assertEquals(List.of(3, 1, 1, 1, 1, 2, 1), history.getList("viewers.stays", Integer.class));
        assertEquals(g1.toString(), history.getString("viewers[0].id"));
        assertEquals("2026-03-01T10:20:00Z", history.getString("viewers[1].leftAt"));
        assertEquals("2026-03-01T10:08:05Z", history.getString("viewers[2].leftAt"));
        assertEquals("Guest", history.getString("viewers[0].username"));
        assertEquals("user101", history.getString("viewers[5].username"));
        assertEquals(false, history.getBoolean("viewers[0].isActive"));
        assertEquals("15m 0s", history.getString("viewers[1].watchDurationFormatted"));
        JsonPath secondPage = given().auth().oauth2(owner)
                .when().get("/api/sessions/" + s + "/analytics/viewers?limit=2&offset=6")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("connection:c9"), secondPage.getList("viewers.viewerId"));
        assertEquals(false, secondPage.getBoolean("hasMore"));

        JsonPath live = given().auth().oauth2(owner).when().get("/api/sessions/" + s + "/analytics/live")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, live.getInt("liveViewerCount"));
        assertEquals(List.of(), live.getList("viewers"));

        JsonPath conversion = given().config(DOUBLES).when().get("/api/sessions/" + s + "/conversion-stats")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(true, conversion.getBoolean("success"));
        assertEquals("ended", conversion.getString("sessionStatus"));
        assertEquals(6, conversion.getInt("data.totalViewers"));
        assertEquals(List.of(p1.toString(), p2.toString(), p3.toString()), conversion.getList("data.products.productId"));
        assertEquals(List.of("Linen shirt", "Straw hat", "Sandals"), conversion.getList("data.products.productName"));
        assertEquals(List.of(2, 1, 0), conversion.getList("data.products.uniqueClicks", Integer.class));
        assertEquals(List.of(3, 1, 0), conversion.getList("data.products.totalClicks", Integer.class));
        assertEquals(List.of(33.33, 16.67, 0.0), conversion.getList("data.products.clickThroughRate", Double.class));

        JsonPath reactions = given().when().get("/api/sessions/" + s + "/reactions")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(4, reactions.getInt("data.total"));
        assertEquals(false, reactions.getBoolean("data.isLive"));
        assertEquals(List.of("heart", "fire", "love"), reactions.getList("data.sortedReactions.type"));

        // creator-wide: two sessions (the deleted one left out)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath c = given().config(DOUBLES).auth().oauth2(owner).when().get("/api/analytics/creator/" + CREATOR)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(true, c.getBoolean("success"));
            assertEquals(2, c.getInt("data.sessions.total"));
            assertEquals(Map.of("live", 0, "ended", 2, "scheduled", 0, "paused", 0), c.getMap("data.sessions.byStatus"));
            assertEquals(7, c.getInt("data.viewers.totalUnique"));
            assertEquals(4.0, c.getDouble("data.viewers.averagePerSession"));
            assertEquals(3, c.getInt("data.viewers.peakConcurrent"));
            assertEquals(4, c.getInt("data.reactions.total"));
            assertEquals(Map.of("heart", 2, "fire", 1, "love", 1), c.getMap("data.reactions.breakdown"));
            assertEquals(5, c.getInt("data.products.totalClicks"));
            assertEquals(4, c.getInt("data.products.uniqueUsers"));
            assertEquals(33.33, c.getDouble("data.products.averageCTR"));
        });

        // the export: every view, and the timeline
        String csv = given().auth().oauth2(owner).when().get("/api/sessions/" + s + "/analytics/export?format=csv")
                .then().statusCode(200).header("Content-Disposition", "attachment; filename=\"session-" + s
                        + "-analytics.csv\"").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("# views", lines.get(0));
        assertEquals("viewId,viewerId,userId,username,joinedAt,leftAt,watchSeconds,stays,active", lines.get(1));
        assertEquals(c1 + ",connection:c9,,,2026-03-01T09:59:00Z,2026-03-01T10:00:30Z,30.0,1,false", lines.get(2));
        assertEquals("", lines.get(9));
        assertEquals("# timeline", lines.get(10));
        assertEquals("minute,joins,leaves,messages,reactions,clicks,viewers", lines.get(11));
        assertEquals("2026-03-01T09:59:00Z,1,0,0,0,0,0", lines.get(12));
        assertEquals("2026-03-01T10:05:00Z,1,0,0,1,1,3", lines.get(18));
        assertEquals(12 + 22, lines.size());
    }
}
