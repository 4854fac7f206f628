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
import static org.assertj.core.api.Assertions.assertThat;

/** /ws with a plain WebSocket client (npm ws): the same events as Socket.IO, {event, data} frames. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class PlainWsTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/ws")
    URL ws;

    String url(String query) {
        return ws.toString().replaceFirst("^http", "ws") + query;
    }

    @Test
    void tokenInTheQueryChatsAndResumesWithTheLastMessageId() {
        UUID session = Rooms.live(7, List.of());
        String token = TestTokens.viewer(71, "wes");
        String seen;
        try (NodeClient client = NodeClient.ws(url("?token=" + token), Map.of(), List.of())) {
            JsonNode hello = payload(client.await(isEvent("connected"), WAIT));
            assertThat(hello.path("userId").asLong()).isEqualTo(71);
            assertThat(hello.path("connectionId").asText()).startsWith("test-a.");
            client.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", session.toString()), "id", 1));
            JsonNode ack = client.await(line -> isEvent("ack").test(line), WAIT).path("frame");
            assertThat(ack.path("id").asInt()).isEqualTo(1);
            assertThat(ack.path("data").path("success").asBoolean()).isTrue();
            client.sendFrame(Map.of("event", "send-message", "data", Map.of("sessionId", session.toString(),
                    "message", "over plain ws", "userId", 1, "userName", "fake")));
            JsonNode message = payload(client.await(isEvent("new-message"), WAIT));
            assertThat(message.path("userName").asText()).isEqualTo("wes");
            seen = message.path("id").asText();
        }
        String missed = SocketIoClientTest.post(session, token, "while the ws client was away");
        try (NodeClient client = NodeClient.ws(url(""), Map.of("Authorization", "Bearer " + token), List.of())) {
            client.await(isEvent("connected"), WAIT);
            client.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", session.toString(), "lastMessageId", seen)));
            JsonNode resumed = payload(client.await(isEvent("new-message"), WAIT));
            assertThat(resumed.path("id").asText()).isEqualTo(missed);
            assertThat(client.events("new-message")).hasSize(1);
        }
    }

    @Test
    void subprotocolTokenAndRefusals() {
        String token = TestTokens.creator(72, "sam");
        try (NodeClient client = NodeClient.ws(url(""), Map.of(), List.of("bazaar", token))) {
            assertThat(client.await(isType("open"), WAIT).path("protocol").asText()).isEqualTo("bazaar");
            assertThat(payload(client.await(isEvent("connected"), WAIT)).path("role").asText()).isEqualTo("creator");
        }
        try (NodeClient refused = NodeClient.ws(url("?token=" + TestTokens.expired(72, "sam", "creator")), Map.of(), List.of())) {
            assertThat(refused.await(isType("refused"), WAIT).path("status").asInt()).isEqualTo(401);
        }
        try (NodeClient guest = NodeClient.ws(url(""), Map.of(), List.of())) {
            assertThat(payload(guest.await(isEvent("connected"), WAIT)).path("role").asText()).isEqualTo("guest");
            guest.command(Map.of("cmd", "raw", "text", "not json"));
            guest.command(Map.of("cmd", "raw", "text", "[1,2]"));
            guest.command(Map.of("cmd", "raw", "text", "{\"event\":42}"));
            guest.command(Map.of("cmd", "raw", "text", "{\"event\":\"join-session\",\"data\":null}"));
            guest.command(Map.of("cmd", "raw", "text", "{\"event\":\"join-session\",\"data\":{\"sessionId\":[1]}}"));
            guest.command(Map.of("cmd", "raw", "text", "{\"event\":\"send-reaction\",\"data\":\"x\"}"));
            List<JsonNode> errors = guest.awaitAll(isEvent("error"), 6, WAIT);
            assertThat(errors).allSatisfy(e -> assertThat(payload(e).path("message").asText()).isNotBlank());
            guest.sendFrame(Map.of("event", "ping", "data", 5));
            assertThat(payload(guest.await(isEvent("pong"), WAIT)).asInt()).isEqualTo(5);
        }
    }

    @Test
    void oneConnectionInSeveralRoomsGetsEachRoomsEvents() {
        UUID first = Rooms.live(7, List.of());
        UUID second = Rooms.live(7, List.of());
        String token = TestTokens.viewer(73, "ida");
        try (NodeClient client = NodeClient.ws(url("?token=" + token), Map.of(), List.of())) {
            client.await(isEvent("connected"), WAIT);
            client.sendFrame(Map.of("event", "join-session", "data", first.toString()));
            client.sendFrame(Map.of("event", "join-session", "data", second.toString()));
            client.awaitAll(isEvent("viewer-count"), 2, WAIT);
            String a = SocketIoClientTest.post(first, token, "to the first room");
            String b = SocketIoClientTest.post(second, token, "to the second room");
            client.await(line -> isEvent("new-message").test(line) && a.equals(payload(line).path("id").asText()), WAIT);
            client.await(line -> isEvent("new-message").test(line) && b.equals(payload(line).path("id").asText()), WAIT);
            client.sendFrame(Map.of("event", "leave-session", "data", Map.of("sessionId", first.toString()), "id", "leave"));
            client.await(line -> isEvent("ack").test(line) && "leave".equals(line.path("frame").path("id").asText()), WAIT);
            String c = SocketIoClientTest.post(first, token, "after leaving");
            String d = SocketIoClientTest.post(second, token, "still here");
            client.await(line -> isEvent("new-message").test(line) && d.equals(payload(line).path("id").asText()), WAIT);
            assertThat(client.events("new-message")).noneMatch(line -> c.equals(payload(line).path("id").asText()));
        }
    }
}
