package com.streambazaar.realtime.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.ViewerPresence;
import com.streambazaar.realtime.support.FakeSessionService;
import com.streambazaar.testkit.NodeClient;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestBroker;
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
import java.util.function.Predicate;

import static com.streambazaar.testkit.NodeClient.isEvent;
import static com.streambazaar.testkit.NodeClient.payload;
import static org.assertj.core.api.Assertions.assertThat;

/** While Kafka is down rooms go on, and nothing analytics counts is lost: it waits in the outbox. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class BrokerOutageTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/ws")
    URL ws;

    @Test
    void viewsReactionsAndChatWaitInTheOutboxUntilTheBrokerIsBack() {
        UUID session = Rooms.live(110, List.of());
        String message;
        TestBroker.stop();
        try (NodeClient client = NodeClient.ws(ws.toString().replaceFirst("^http", "ws") + "?token="
                + TestTokens.viewer(111, "otto"), Map.of(), List.of())) {
            client.await(isEvent("connected"), WAIT);
            client.sendFrame(Map.of("event", "join-session", "data", session.toString()));
            client.await(isEvent("viewer-count"), WAIT);
            client.sendFrame(Map.of("event", "send-reaction", "data", Map.of("sessionId", session.toString(), "type", "clap")));
            client.sendFrame(Map.of("event", "send-message", "data", Map.of("sessionId", session.toString(), "message", "broker? who needs it")));
            // the room works without the broker: the message was stored and delivered on this replica
            JsonNode delivered = payload(client.await(isEvent("new-message"), WAIT));
            message = delivered.path("id").asText();
            client.await(isEvent("new-reaction"), WAIT);
        } finally {
            TestBroker.start();
        }
        Predicate<JsonNode> ours = envelope -> session.toString().equals(envelope.path("key").asText());
        List<EventProbe.Received> presence = EventProbe.await(Topics.PRESENCE, envelope -> ours.test(envelope)
                && envelope.path("type").asText().startsWith("viewer."), 2, WAIT);
        assertThat(presence).extracting(r -> r.envelope().path("type").asText())
                .containsExactly(ViewerPresence.JOINED, ViewerPresence.LEFT);
        EventProbe.await(Topics.REACTIONS, envelope -> ours.test(envelope)
                && ReactionSent.SENT.equals(envelope.path("type").asText()), 1, WAIT);
        EventProbe.await(Topics.CHAT, envelope -> ChatMessagePosted.TYPE.equals(envelope.path("type").asText())
                && message.equals(envelope.path("data").path("messageId").asText()), 1, WAIT);
    }
}
