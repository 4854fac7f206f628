package com.streambazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.testkit.NodeClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live rooms as clients see them: through the edge on its one base URL, with two realtime replicas behind it, the
 * stock socket.io-client over both transports and plain /ws clients chat, count viewers and hear the creator.
 */
@ExtendWith(SharedStack.class)
class RealtimeThroughEdgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void pointAtTheEdge() {
        RestAssured.baseURI = SharedStack.stack().baseUrl();
    }

    @Test
    void chatAndViewerCountsCrossReplicasThroughTheEdgeOverEveryTransport() {
        String edge = SharedStack.stack().baseUrl();
        Show show = Show.startedByANewCreator();
        List<NodeClient> viewers = new ArrayList<>();
        try {
            // the existing web app's pattern: no auth, userId in the payload (ignored); default transports start
            // with long-polling and upgrade, the web app's own option starts with the WebSocket
            for (int i = 0; i < 4; i++) {
                Map<String, Object> options = i % 2 == 0 ? Map.of("reconnection", true)
                        : Map.of("transports", List.of("websocket", "polling"));
                NodeClient viewer = NodeClient.socketIo(edge, options);
                viewer.await(line -> "connect".equals(line.path("type").asText()), WAIT);
                viewer.emit("join-session", Map.of("sessionId", show.sessionId, "userId", "spoofed-" + i), null);
                viewers.add(viewer);
            }
            NodeClient plain = NodeClient.ws(edge.replace("http", "ws") + "/ws", Map.of(), List.of());
            plain.await(line -> "open".equals(line.path("type").asText()), WAIT);
            plain.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", show.sessionId)));

            // round robin at the edge puts the Engine.IO sessions on both replicas
            Set<String> replicas = new HashSet<>();
            for (NodeClient viewer : viewers) {
                String engineId = viewer.await(line -> "connect".equals(line.path("type").asText()), WAIT)
                        .path("engineId").asText();
                replicas.add(engineId.substring(0, engineId.indexOf('.')));
            }
            assertEquals(StackUnderTest.REALTIME_REPLICAS, replicas.size(), "sessions on every replica: " + replicas);

            // every client, whatever replica it is on, counts all five viewers
            for (NodeClient viewer : viewers) {
                viewer.await(line -> NodeClient.isEvent("viewer-count").test(line)
                        && line.path("args").path(0).asInt() == 5, WAIT);
            }
            plain.await(line -> "viewer-count".equals(line.path("frame").path("event").asText())
                    && line.path("frame").path("data").asInt() == 5, WAIT);

            // the creator chats over REST (also broadcast); every room member on either replica hears it, once
            String text = "Welcome " + UUID.randomUUID();
            given().auth().oauth2(show.token).contentType(ContentType.JSON).body(Map.of("message", text))
                    .when().post("/api/sessions/" + show.sessionId + "/chat").then().statusCode(201);
            for (NodeClient viewer : viewers) {
                JsonNode message = viewer.await(line -> NodeClient.isEvent("new-message").test(line)
                        && text.equals(line.path("args").path(0).path("message").asText()), WAIT);
                assertEquals(show.username, message.path("args").path(0).path("userName").asText());
            }
            plain.await(line -> "new-message".equals(line.path("frame").path("event").asText())
                    && text.equals(line.path("frame").path("data").path("message").asText()), WAIT);
            for (NodeClient viewer : viewers) {
                assertEquals(1, viewer.events("new-message").stream()
                        .filter(line -> text.equals(line.path("args").path(0).path("message").asText())).count(),
                        "delivered once, not once per replica");
            }

            // a guest's chat from the existing web app: the payload's userName is ignored, the message is a guest's
            viewers.get(0).emit("send-message", Map.of("sessionId", show.sessionId, "message", "hi all",
                    "userId", 42, "userName", "Impostor"), null);
            JsonNode guest = viewers.get(3).await(line -> NodeClient.isEvent("new-message").test(line)
                    && "hi all".equals(line.path("args").path(0).path("message").asText()), WAIT);
            assertTrue(!"Impostor".equals(guest.path("args").path(0).path("userName").asText()),
                    "identity never comes from the payload: " + guest);

            given().when().get("/api/sessions/" + show.sessionId + "/chat")
                    .then().statusCode(200).body("data.message", hasItem(text));
            plain.close();
        } finally {
            viewers.forEach(NodeClient::close);
        }
    }

    /** A creator signed up through the edge with a live show. */
    record Show(String sessionId, String token, String username) {
        static Show startedByANewCreator() {
            String username = "host_" + UUID.randomUUID().toString().substring(0, 8);
            String token = given().contentType(ContentType.JSON)
                    .body(Map.of("username", username, "email", username + "@example.com",
                            "password", "correct-horse-battery", "role", "creator"))
                    .when().post("/api/auth/register").then().statusCode(201).extract().path("data.accessToken");
            String sessionId = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("title", "Live from the edge"))
                    .when().post("/api/sessions").then().statusCode(201).extract().path("data.id");
            given().auth().oauth2(token).when().post("/api/sessions/" + sessionId + "/start-stream")
                    .then().statusCode(200);
            // realtime-service learns of the room from session-service's events
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/sessions/" + sessionId + "/chat/count")
                    .then().statusCode(200));
            return new Show(sessionId, token, username);
        }
    }
}
