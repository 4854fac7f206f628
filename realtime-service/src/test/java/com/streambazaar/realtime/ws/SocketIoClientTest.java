package com.streambazaar.realtime.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.realtime.support.FakeSessionService;
import com.streambazaar.testkit.NodeClient;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.testkit.NodeClient.isEvent;
import static com.streambazaar.testkit.NodeClient.isType;
import static com.streambazaar.testkit.NodeClient.payload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The stock socket.io-client (npm 4.8) against /socket.io/: transports, identities, acks, recovery. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class SocketIoClientTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL base;

    String url() {
        return base.toString().replaceAll("/$", "");
    }

    static String post(UUID sessionId, String token, String message) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("message", message)).post("/api/sessions/" + sessionId + "/chat")
                .then().statusCode(201).extract().path("data.id");
    }

    @Test
    void defaultTransportsStartWithPollingAndUpgradeToWebSocket() {
        UUID session = Rooms.live(7, List.of());
        try (NodeClient client = NodeClient.socketIo(url(), Map.of())) {
            assertThat(client.await(isType("engine-open"), WAIT).path("transport").asText()).isEqualTo("polling");
            JsonNode connect = client.await(isType("connect"), WAIT);
            assertThat(connect.path("id").asText()).startsWith("test-a.");
            client.await(line -> isType("upgrade").test(line) && "websocket".equals(line.path("transport").asText()), WAIT);
            // the existing web app's exact pattern: no auth, its own userId in the payload (ignored)
            client.emit("join-session", Map.of("sessionId", session.toString(), "userId", 42), "join");
            JsonNode ack = client.await(isType("ack"), WAIT).path("args").path(0);
            assertThat(ack.path("success").asBoolean()).isTrue();
            assertThat(ack.path("data").path("role").asText()).isEqualTo("viewer");
            assertThat(ack.path("data").path("viewerId").asText()).startsWith("connection:");

            String id = post(session, TestTokens.viewer(31, "rita"), "hello from REST");
            JsonNode message = client.await(line -> isEvent("new-message").test(line)
                    && id.equals(payload(line).path("id").asText()), WAIT);
            assertThat(payload(message).path("userName").asText()).isEqualTo("rita");
            assertThat(payload(message).path("userId").asLong()).isEqualTo(31);
            assertThat(message.path("transport").asText()).isEqualTo("websocket");
            // a recoverable room event carries its offset as the last argument
            assertThat(message.path("args").size()).isEqualTo(2);
        }
    }

    @Test
    void existingWebAppPatternOverWebSocketFirstChatsAsGuest() {
        UUID session = Rooms.live(7, List.of());
        try (NodeClient client = NodeClient.socketIo(url(), Map.of("transports", List.of("websocket", "polling")))) {
            assertThat(client.await(isType("connect"), WAIT).path("transport").asText()).isEqualTo("websocket");
            client.emit("join-session", Map.of("sessionId", session.toString(), "userId", 5), null);
            client.await(isEvent("viewer-count"), WAIT);
            client.emit("send-message", Map.of("sessionId", session.toString(), "message", "  hi all \u0007 ",
                    "userId", 5, "userName", "Mallory"), null);
            JsonNode message = payload(client.await(isEvent("new-message"), WAIT));
            assertThat(message.path("message").asText()).isEqualTo("hi all");
            assertThat(message.path("userId").isNull()).isTrue();
            assertThat(message.path("userName").asText()).startsWith("Guest-").isNotEqualTo("Mallory");
            assertThat(message.path("guest").asBoolean()).isTrue();
            // reactions and clicks work without credentials too
            client.emit("send-reaction", Map.of("sessionId", session.toString(), "type", "love"), "reaction");
            assertThat(client.await(isType("ack"), WAIT).path("args").path(0).path("success").asBoolean()).isTrue();
            client.await(isEvent("new-reaction"), WAIT);
        }
    }

    @Test
    void authTokenGivesTheNamedIdentityAndABadTokenIsRefused() {
        UUID session = Rooms.live(7, List.of());
        try (NodeClient client = NodeClient.socketIo(url(), Map.of("auth", Map.of("token", TestTokens.viewer(41, "nina"))))) {
            client.await(isType("connect"), WAIT);
            client.emit("join-session", session.toString(), null);
            client.await(isEvent("viewer-count"), WAIT);
            client.emit("send-message", Map.of("sessionId", session.toString(), "message", "named", "userName", "x"), "send");
            JsonNode ack = client.await(isType("ack"), WAIT).path("args").path(0);
            assertThat(ack.path("success").asBoolean()).isTrue();
            assertThat(ack.path("data").path("userName").asText()).isEqualTo("nina");
            JsonNode message = payload(client.await(isEvent("new-message"), WAIT));
            assertThat(message.path("userId").asLong()).isEqualTo(41);
        }
        try (NodeClient forged = NodeClient.socketIo(url(), Map.of("auth", Map.of("token", TestTokens.forged(41, "nina", "viewer")),
                "reconnection", false))) {
            JsonNode error = forged.await(isType("connect_error"), WAIT);
            assertThat(error.path("message").asText()).contains("Invalid or expired access token");
        }
    }

    @Test
    void refusalsAreErrorEventsAndAcksNeverSilence() {
        UUID session = Rooms.live(7, List.of());
        try (NodeClient client = NodeClient.socketIo(url(), Map.of("transports", List.of("websocket")))) {
            client.await(isType("connect"), WAIT);
            client.emit("no-such-event", Map.of("x", 1), "unknown");
            JsonNode ack = client.await(line -> isType("ack").test(line) && "unknown".equals(line.path("ref").asText()), WAIT);
            assertThat(ack.path("args").path(0).path("success").asBoolean()).isFalse();
            assertThat(payload(client.await(isEvent("error"), WAIT)).path("event").asText()).isEqualTo("no-such-event");

            client.command(Map.of("cmd", "emit", "event", "join-session", "args", java.util.Collections.singletonList(null), "ack", "null"));
            assertThat(client.await(line -> isType("ack").test(line) && "null".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).contains("sessionId");
            client.emit("join-session", UUID.randomUUID().toString(), "unknown-session");
            assertThat(client.await(line -> isType("ack").test(line) && "unknown-session".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).isEqualTo("Session not found");
            client.emit("send-message", Map.of("sessionId", session.toString(), "message", "not joined"), "not-joined");
            assertThat(client.await(line -> isType("ack").test(line) && "not-joined".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).contains("Join the session first");
            client.emit("join-session", Map.of("sessionId", session.toString()), null);
            client.emit("send-message", Map.of("sessionId", session.toString(), "message", "x".repeat(501)), "long");
            assertThat(client.await(line -> isType("ack").test(line) && "long".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).contains("500");
            client.emit("send-reaction", Map.of("sessionId", session.toString(), "type", "angry"), "bad-type");
            assertThat(client.await(line -> isType("ack").test(line) && "bad-type".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).contains("like, love");
            // hostile packets on the raw transport: an error to the sender, the connection and the room go on
            client.command(Map.of("cmd", "raw", "text", "2[not json"));
            client.command(Map.of("cmd", "raw", "text", "2{\"event\":1}"));
            client.command(Map.of("cmd", "raw", "text", "9"));
            client.awaitAll(isEvent("error"), 8, WAIT);
            client.emit("send-message", Map.of("sessionId", session.toString(), "message", "still here"), "alive");
            assertThat(client.await(line -> isType("ack").test(line) && "alive".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("success").asBoolean()).isTrue();
        }
    }

    @Test
    void aDroppedClientRecoversTheRoomEventsItMissed() {
        UUID session = Rooms.live(7, List.of());
        String token = TestTokens.viewer(51, "omar");
        try (NodeClient client = NodeClient.socketIo(url(), Map.of("transports", List.of("websocket"),
                "reconnectionDelay", 3000, "reconnectionDelayMax", 3000, "randomizationFactor", 0))) {
            client.await(isType("connect"), WAIT);
            client.emit("join-session", session.toString(), null);
            client.await(isEvent("viewer-count"), WAIT);
            String before = post(session, token, "before the drop");
            client.await(line -> isEvent("new-message").test(line) && before.equals(payload(line).path("id").asText()), WAIT);

            client.command(Map.of("cmd", "drop"));
            client.await(isType("disconnect"), WAIT);
            String missed1 = post(session, token, "while away 1");
            String missed2 = post(session, token, "while away 2");

            List<JsonNode> connects = client.awaitAll(isType("connect"), 2, Duration.ofSeconds(20));
            assertThat(connects.get(1).path("recovered").asBoolean()).isTrue();
            assertThat(connects.get(1).path("id").asText()).isEqualTo(connects.get(0).path("id").asText());
            client.await(line -> isEvent("new-message").test(line) && missed1.equals(payload(line).path("id").asText()), WAIT);
            client.await(line -> isEvent("new-message").test(line) && missed2.equals(payload(line).path("id").asText()), WAIT);
            // still in the room after recovery: live events keep coming
            String after = post(session, token, "after the drop");
            client.await(line -> isEvent("new-message").test(line) && after.equals(payload(line).path("id").asText()), WAIT);
            assertThat(client.events("new-message").stream().filter(line -> before.equals(payload(line).path("id").asText())))
                    .hasSize(1);
        }
    }

    @Test
    void theCookieCountsOnlyFromAnAllowedOrigin() {
        UUID session = Rooms.live(7, List.of());
        String token = TestTokens.viewer(61, "cora");
        Map<String, Object> allowed = Map.of("transports", List.of("polling", "websocket"),
                "extraHeaders", Map.of("Cookie", "bazaar_access_token=" + token, "Origin", "http://localhost:5173"));
        try (NodeClient client = NodeClient.socketIo(url(), allowed)) {
            client.await(isType("connect"), WAIT);
            client.emit("join-session", session.toString(), null);
            client.await(isEvent("viewer-count"), WAIT);
            client.emit("send-message", Map.of("sessionId", session.toString(), "message", "cookie chat"), "send");
            assertThat(client.await(isType("ack"), WAIT).path("args").path(0).path("data").path("userName").asText())
                    .isEqualTo("cora");
        }
        Map<String, Object> foreign = Map.of("transports", List.of("websocket"), "reconnection", false,
                "extraHeaders", Map.of("Cookie", "bazaar_access_token=" + token, "Origin", "https://evil.example"));
        try (NodeClient client = NodeClient.socketIo(url(), foreign)) {
            JsonNode outcome = client.await(line -> isType("connect").test(line) || isType("connect_error").test(line), WAIT);
            if (isType("connect").test(outcome)) {
                client.emit("join-session", session.toString(), null);
                client.await(isEvent("viewer-count"), WAIT);
                client.emit("send-message", Map.of("sessionId", session.toString(), "message", "hijack?"), "send");
                assertThat(client.await(isType("ack"), WAIT).path("args").path(0).path("data").path("userName").asText())
                        .startsWith("Guest-");
            }
        }
    }

    @Test
    void theCreatorsShowcaseGoesToSessionServiceWithTheCreatorsToken() {
        UUID product = UUID.randomUUID();
        UUID session = Rooms.live(8, List.of(product));
        String token = TestTokens.creator(8, "cleo");
        FakeSessionService.CALLS.clear();
        try (NodeClient creator = NodeClient.socketIo(url(), Map.of("auth", Map.of("token", token), "transports", List.of("websocket")));
             NodeClient viewer = NodeClient.socketIo(url(), Map.of("auth", Map.of("token", TestTokens.viewer(9, "vic")), "transports", List.of("websocket")))) {
            creator.await(isType("connect"), WAIT);
            viewer.await(isType("connect"), WAIT);
            creator.emit("join-session", session.toString(), "join");
            assertThat(creator.await(isType("ack"), WAIT).path("args").path(0).path("data").path("role").asText()).isEqualTo("creator");
            creator.emit("showcase-product", Map.of("sessionId", session.toString(), "productId", product.toString()), "show");
            JsonNode ack = creator.await(line -> isType("ack").test(line) && "show".equals(line.path("ref").asText()), WAIT);
            assertThat(ack.path("args").path(0).path("success").asBoolean()).isTrue();
            assertThat(ack.path("args").path(0).path("data").path("activeProductId").asText()).isEqualTo(product.toString());
            assertThat(FakeSessionService.CALLS).anySatisfy(call -> {
                assertThat(call.get("authorization")).isEqualTo("Bearer " + token);
                assertThat(call.get("sessionId")).isEqualTo(session.toString());
            });

            String refused = FakeSessionService.REFUSED_PREFIX + UUID.randomUUID().toString().substring(8);
            creator.emit("showcase-product", Map.of("sessionId", session.toString(), "productId", refused), "refused");
            assertThat(creator.await(line -> isType("ack").test(line) && "refused".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).isEqualTo("Only the session's creator can showcase products");

            int calls = FakeSessionService.CALLS.size();
            viewer.emit("join-session", session.toString(), null);
            viewer.emit("showcase-product", Map.of("sessionId", session.toString(), "productId", product.toString()), "viewer");
            assertThat(viewer.await(line -> isType("ack").test(line) && "viewer".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("success").asBoolean()).isFalse();
            assertThat(FakeSessionService.CALLS).hasSize(calls);
        }
    }

    @Test
    void moderationHoldsOnSocketsAndEveryRefusalIsAnError() {
        UUID session = Rooms.live(10, List.of());
        String owner = TestTokens.creator(10, "host");
        String troll = TestTokens.viewer(11, "troll");
        try (NodeClient guest = NodeClient.socketIo(url(), Map.of("transports", List.of("websocket")));
             NodeClient banned = NodeClient.socketIo(url(), Map.of("transports", List.of("websocket"), "auth", Map.of("token", troll)))) {
            guest.await(isType("connect"), WAIT);
            banned.await(isType("connect"), WAIT);
            guest.emit("join-session", session.toString(), null);
            banned.emit("join-session", session.toString(), null);
            guest.await(isEvent("viewer-count"), WAIT);
            banned.await(isEvent("viewer-count"), WAIT);

            given().header("Authorization", "Bearer " + owner).contentType("application/json")
                    .body(Map.of("guestChat", false)).put("/api/sessions/" + session + "/chat/settings").then().statusCode(200);
            JsonNode settings = payload(guest.await(isEvent("chat-settings"), WAIT));
            assertThat(settings.path("guestChat").asBoolean()).isFalse();
            guest.emit("send-message", Map.of("sessionId", session.toString(), "message", "guest here"), "guest");
            assertThat(guest.await(line -> isType("ack").test(line) && "guest".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).contains("Guests cannot chat");

            given().header("Authorization", "Bearer " + owner).contentType("application/json")
                    .body(Map.of("userId", 11)).post("/api/sessions/" + session + "/chat/bans").then().statusCode(201);
            assertThat(payload(banned.await(isEvent("chat-restricted"), WAIT)).path("kind").asText()).isEqualTo("ban");
            banned.emit("send-message", Map.of("sessionId", session.toString(), "message", "let me"), "banned");
            assertThat(banned.await(line -> isType("ack").test(line) && "banned".equals(line.path("ref").asText()), WAIT)
                    .path("args").path(0).path("message").asText()).contains("banned");
            assertThat(payload(banned.await(isEvent("error"), WAIT)).path("event").asText()).isEqualTo("send-message");
        }
    }
}
