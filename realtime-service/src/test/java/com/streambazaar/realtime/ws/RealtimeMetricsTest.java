package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.support.FakeSessionService;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.MetricsScrape;
import com.streambazaar.testkit.NodeClient;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real clients (npm socket.io-client and ws) move the replica's gauges and counters: connected sockets per protocol
 * while they are open, chat messages (socket and REST) and reactions once accepted.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class RealtimeMetricsTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL base;

    @Test
    void socketsPerProtocolMessagesAndReactionsAreCounted() {
        UUID session = Rooms.live(7, List.of());
        String token = TestTokens.viewer(91, "mia");
        MetricsScrape before = MetricsScrape.now();
        double socketIo = before.value("bazaar_sockets_connected", "protocol", "socketio");
        double ws = before.value("bazaar_sockets_connected", "protocol", "ws");
        try (NodeClient io = NodeClient.socketIo(base.toString().replaceAll("/$", ""),
                Map.of("transports", List.of("websocket"), "auth", Map.of("token", token)));
             NodeClient plain = NodeClient.ws(base.toString().replaceFirst("^http", "ws") + "ws?token=" + token,
                     Map.of(), List.of())) {
            io.await(isType("connect"), WAIT);
            plain.await(isEvent("connected"), WAIT);
            await().atMost(WAIT).untilAsserted(() -> {
                MetricsScrape open = MetricsScrape.now();
                assertThat(open.value("bazaar_sockets_connected", "protocol", "socketio")).isEqualTo(socketIo + 1);
                assertThat(open.value("bazaar_sockets_connected", "protocol", "ws")).isEqualTo(ws + 1);
            });

            io.emit("join-session", Map.of("sessionId", session.toString()), null);
            io.await(isEvent("viewer-count"), WAIT);
            io.emit("send-message", Map.of("sessionId", session.toString(), "message", "counted"), null);
            io.await(isEvent("new-message"), WAIT);
            SocketIoClientTest.post(session, token, "counted over REST");
            io.emit("send-reaction", Map.of("sessionId", session.toString(), "type", "love"), "reaction");
            assertThat(ack(io, "reaction").path("success").asBoolean()).isTrue();
            // a refused reaction is not counted
            io.emit("send-reaction", Map.of("sessionId", session.toString(), "type", "angry"), "refused");
            assertThat(ack(io, "refused").path("success").asBoolean()).isFalse();

            MetricsScrape after = MetricsScrape.now();
            assertThat(after.value("bazaar_chat_messages_total") - before.value("bazaar_chat_messages_total"))
                    .isEqualTo(2);
            assertThat(after.value("bazaar_reactions_total") - before.value("bazaar_reactions_total")).isEqualTo(1);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            MetricsScrape closed = MetricsScrape.now();
            assertThat(closed.value("bazaar_sockets_connected", "protocol", "socketio")).isEqualTo(socketIo);
            assertThat(closed.value("bazaar_sockets_connected", "protocol", "ws")).isEqualTo(ws);
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode ack(NodeClient client, String ref) {
        return client.await(line -> isType("ack").test(line) && ref.equals(line.path("ref").asText()), WAIT)
                .path("args").path(0);
    }
}
