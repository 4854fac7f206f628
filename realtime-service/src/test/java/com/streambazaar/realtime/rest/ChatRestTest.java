package com.streambazaar.realtime.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ChatMessageDeleted;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.event.contract.ChatSettingsChanged;
import com.streambazaar.common.event.contract.ChatUserRestricted;
import com.streambazaar.realtime.support.FakeSessionService;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Chat history, send, delete and moderation over REST (API.md realtime-service routes). */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class ChatRestTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    static String send(UUID session, String token, String message) {
        return as(token).body(Map.of("message", message)).post("/api/sessions/" + session + "/chat")
                .then().statusCode(201).extract().path("data.id");
    }

    @Test
    void historyPagesOldestFirstWithABeforeCursor() {
        UUID session = Rooms.live(90, List.of());
        String token = TestTokens.viewer(91, "hana");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(send(session, token, "message " + i));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);
        assertThat(ids).as("ids sort by time").isEqualTo(sorted);
        given().get("/api/sessions/" + session + "/chat?limit=3").then().statusCode(200)
                .body("success", equalTo(true)).body("count", equalTo(3))
                .body("data.message", equalTo(List.of("message 2", "message 3", "message 4")))
                .body("data[0].user.username", equalTo("hana")).body("data[0].user.role", equalTo("viewer"))
                .body("data[0].userId", equalTo(91)).body("data[0].sessionId", equalTo(session.toString()));
        given().get("/api/sessions/" + session + "/chat?limit=3&before=" + ids.get(2)).then().statusCode(200)
                .body("data.message", equalTo(List.of("message 0", "message 1")));
        String createdAt = given().get("/api/sessions/" + session + "/chat").then().extract().path("data[3].createdAt");
        given().get("/api/sessions/" + session + "/chat?before=" + createdAt).then().statusCode(200)
                .body("data", hasSize(3));
        given().get("/api/sessions/" + session + "/chat/count").then().body("data.count", equalTo(5));
        given().get("/api/sessions/" + session + "/chat?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/sessions/" + session + "/chat?before=yesterday").then().statusCode(400).body("field", equalTo("before"));
        given().get("/api/sessions/" + UUID.randomUUID() + "/chat").then().statusCode(404);
        given().get("/api/sessions/nope/chat").then().statusCode(400).body("field", equalTo("sessionId"));

        EventProbe.Received posted = EventProbe.await(Topics.CHAT, envelope ->
                ChatMessagePosted.TYPE.equals(envelope.path("type").asText())
                        && ids.get(0).equals(envelope.path("data").path("messageId").asText()), 1, WAIT).get(0);
        EventSchemas.assertValid(posted.envelope());
        assertThat(posted.envelope().path("data").path("viewerId").asText()).isEqualTo("user:91");
    }

    @Test
    void sendValidatesTextAndNeedsCredentials() {
        UUID session = Rooms.live(90, List.of());
        String token = TestTokens.viewer(92, "ivo");
        given().contentType("application/json").body(Map.of("message", "hi")).post("/api/sessions/" + session + "/chat")
                .then().statusCode(401);
        as(token).body(Map.of("message", "   ")).post("/api/sessions/" + session + "/chat").then().statusCode(400)
                .body("field", equalTo("message"));
        as(token).body(Map.of("message", "é".repeat(501))).post("/api/sessions/" + session + "/chat").then().statusCode(400)
                .body("message", containsString("500"));
        as(token).body(Map.of("message", " " + "é".repeat(500) + "\n")).post("/api/sessions/" + session + "/chat")
                .then().statusCode(201);
        as(token).body(Map.of("message", "a\u0000b\u001bc\td")).post("/api/sessions/" + session + "/chat").then()
                .statusCode(201).body("data.message", equalTo("abc d"));
        as(token).body("{\"message\": 5}").post("/api/sessions/" + session + "/chat").then().statusCode(400);
        as(token).body("[]").post("/api/sessions/" + session + "/chat").then().statusCode(400);
        as(token).body(Map.of("message", "x")).post("/api/sessions/" + UUID.randomUUID() + "/chat").then().statusCode(404);
    }

    @Test
    void onlyTheOwnerOrAnAdminDeletesAndTheRoomIsTold() {
        UUID session = Rooms.live(93, List.of());
        String id = send(session, TestTokens.viewer(94, "jo"), "delete me");
        as(TestTokens.viewer(94, "jo")).delete("/api/sessions/" + session + "/chat/" + id).then().statusCode(403);
        as(TestTokens.creator(93, "owner")).delete("/api/sessions/" + session + "/chat/" + id).then().statusCode(200)
                .body("success", equalTo(true));
        as(TestTokens.creator(93, "owner")).delete("/api/sessions/" + session + "/chat/" + id).then().statusCode(404);
        String other = send(session, TestTokens.viewer(94, "jo"), "admin deletes this");
        as(TestTokens.admin(1, "root")).delete("/api/sessions/" + session + "/chat/" + other).then().statusCode(200);
        given().get("/api/sessions/" + session + "/chat/count").then().body("data.count", equalTo(0));
        EventProbe.Received deleted = EventProbe.await(Topics.CHAT, envelope ->
                ChatMessageDeleted.TYPE.equals(envelope.path("type").asText())
                        && id.equals(envelope.path("data").path("messageId").asText()), 1, WAIT).get(0);
        EventSchemas.assertValid(deleted.envelope());
        assertThat(deleted.envelope().path("data").path("deletedBy").asLong()).isEqualTo(93);
    }

    @Test
    void moderationTimesOutBansAndLiftsAndSetsSlowMode() {
        UUID session = Rooms.live(95, List.of());
        String owner = TestTokens.creator(95, "mod");
        String user = TestTokens.viewer(96, "troll");
        String base = "/api/sessions/" + session + "/chat";
        as(user).body(Map.of("userId", 97, "durationSeconds", 60)).post(base + "/timeouts").then().statusCode(403);
        as(owner).body(Map.of("userId", 96, "durationSeconds", 60, "reason", "spam")).post(base + "/timeouts").then()
                .statusCode(201).body("data.kind", equalTo("timeout")).body("data.userId", equalTo(96));
        as(user).body(Map.of("message", "can I?")).post(base).then().statusCode(403).body("message", containsString("timed out"));
        as(owner).body(Map.of("userId", 95)).post(base + "/bans").then().statusCode(400);
        as(owner).body(Map.of("userId", 96, "durationSeconds", 0)).post(base + "/timeouts").then().statusCode(400)
                .body("field", equalTo("durationSeconds"));
        as(owner).delete(base + "/restrictions/96").then().statusCode(200);
        send(session, user, "back again");
        as(owner).body(Map.of("userId", 96)).post(base + "/bans").then().statusCode(201).body("data.until", nullValue());
        as(owner).get(base + "/restrictions").then().statusCode(200).body("data", hasSize(1)).body("data[0].kind", equalTo("ban"));
        as(user).body(Map.of("message", "banned?")).post(base).then().statusCode(403).body("message", containsString("banned"));
        as(owner).delete(base + "/restrictions/96").then().statusCode(200);
        as(owner).delete(base + "/restrictions/96").then().statusCode(404);

        as(owner).body(Map.of("slowModeSeconds", 30)).put(base + "/settings").then().statusCode(200)
                .body("data.slowModeSeconds", equalTo(30)).body("data.guestChat", equalTo(true));
        String slow = TestTokens.viewer(98, "slowpoke");
        send(session, slow, "first");
        as(slow).body(Map.of("message", "second")).post(base).then().statusCode(429).body("message", containsString("Slow mode"));
        send(session, owner, "moderators are exempt");
        send(session, owner, "really exempt");
        as(owner).body(Map.of("slowModeSeconds", 99999)).put(base + "/settings").then().statusCode(400)
                .body("field", equalTo("slowModeSeconds"));
        as(owner).body(Map.of("guestChat", false, "slowModeSeconds", 0)).patch(base + "/settings").then().statusCode(200)
                .body("data.guestChat", equalTo(false));
        given().get(base + "/settings").then().statusCode(200).body("data.guestChat", equalTo(false))
                .body("data.slowModeSeconds", equalTo(0));

        EventSchemas.assertValid(EventProbe.await(Topics.CHAT, envelope ->
                ChatUserRestricted.TYPE.equals(envelope.path("type").asText())
                        && session.toString().equals(envelope.path("key").asText()), 2, WAIT).get(0).envelope());
        EventSchemas.assertValid(EventProbe.await(Topics.CHAT, envelope ->
                ChatSettingsChanged.TYPE.equals(envelope.path("type").asText())
                        && session.toString().equals(envelope.path("key").asText()), 2, WAIT).get(0).envelope());
    }

    @Test
    void aUserSendingTooFastIsRateLimited() {
        UUID session = Rooms.live(99, List.of());
        String token = TestTokens.viewer(100, "fast");
        int created = 0;
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            int status = as(token).body(Map.of("message", "spam " + i)).post("/api/sessions/" + session + "/chat").statusCode();
            if (status == 201) {
                created++;
            } else if (status == 429) {
                limited++;
            }
        }
        assertThat(created).isBetween(5, 7);
        assertThat(limited).isEqualTo(10 - created);
    }

    @Test
    void moderationRoutesAreInTheOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/sessions/{sessionId}/chat/bans"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/sessions/{sessionId}/chat/timeouts"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/sessions/{sessionId}/chat/settings"));
    }
}
