package com.streambazaar.realtime.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.common.event.contract.ViewerPresence;
import com.streambazaar.realtime.support.FakeSessionService;
import com.streambazaar.testkit.NodeClient;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import com.streambazaar.testkit.TestEvents;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static com.streambazaar.testkit.NodeClient.isEvent;
import static com.streambazaar.testkit.NodeClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What rooms publish for analytics (presence, reactions, clicks) and what they relay (stats, lifecycle). */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSessionService.class, restrictToAnnotatedClass = false)
class RoomEventsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/ws")
    URL ws;

    NodeClient client(String query) {
        NodeClient client = NodeClient.ws(ws.toString().replaceFirst("^http", "ws") + query, Map.of(), List.of());
        client.await(isEvent("connected"), WAIT);
        return client;
    }

    static Predicate<JsonNode> of(String type, UUID session) {
        return envelope -> type.equals(envelope.path("type").asText())
                && session.toString().equals(envelope.path("key").asText());
    }

    @Test
    void presenceNamesEachViewerByUserDeviceOrConnectionAndNeverTheCreator() {
        UUID session = Rooms.live(80, List.of());
        try (NodeClient creator = client("?token=" + TestTokens.creator(80, "cara"));
             NodeClient user = client("?token=" + TestTokens.viewer(81, "uma"));
             NodeClient device = client("");
             NodeClient bare = client("")) {
            creator.sendFrame(Map.of("event", "join-session", "data", session.toString()));
            user.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", session.toString(), "deviceId", "dev-u")));
            device.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", session.toString(), "deviceId", "dev-42")));
            bare.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", session.toString(), "userId", 99)));
            String bareId = payload(bare.await(isEvent("connected"), WAIT)).path("connectionId").asText();

            List<EventProbe.Received> joined = EventProbe.await(Topics.PRESENCE, of(ViewerPresence.JOINED, session), 3, WAIT);
            joined.forEach(r -> EventSchemas.assertValid(r.envelope()));
            List<String> viewers = joined.stream().map(r -> r.envelope().path("data").path("viewerId").asText()).toList();
            assertThat(viewers).containsExactlyInAnyOrder("user:81", "device:dev-42", "connection:" + bareId);
            JsonNode userJoin = joined.stream().map(r -> r.envelope().path("data"))
                    .filter(d -> d.path("viewerId").asText().equals("user:81")).findFirst().orElseThrow();
            assertThat(userJoin.path("userId").asLong()).isEqualTo(81);
            assertThat(userJoin.path("username").asText()).isEqualTo("uma");
            assertThat(userJoin.path("deviceId").asText()).isEqualTo("dev-u");
            assertThat(userJoin.path("replicaId").asText()).isEqualTo("test-a");
            assertThat(userJoin.path("protocol").asText()).isEqualTo("ws");

            // viewer-count: 3 viewers, the creator is not one; coalesced, never one frame per join to everyone
            await().atMost(WAIT).untilAsserted(() -> assertThat(creator.events("viewer-count"))
                    .anyMatch(line -> payload(line).asInt() == 3));
            assertThat(creator.events("viewer-count")).hasSizeLessThanOrEqualTo(4);
            List<EventProbe.Received> beats = EventProbe.await(Topics.PRESENCE, envelope -> of(RoomHeartbeat.TYPE, session).test(envelope)
                    && envelope.path("data").path("viewers").asInt() == 3, 1, WAIT);
            EventSchemas.assertValid(beats.get(0).envelope());

            user.sendFrame(Map.of("event", "leave-session", "data", session.toString()));
            EventProbe.Received left = EventProbe.await(Topics.PRESENCE, of(ViewerPresence.LEFT, session), 1, WAIT).get(0);
            EventSchemas.assertValid(left.envelope());
            assertThat(left.envelope().path("data").path("reason").asText()).isEqualTo("leave");
            assertThat(left.envelope().path("data").path("viewId").asText()).isEqualTo(userJoin.path("viewId").asText());
        }
        // the connections closed: the other two views end with reason disconnect, the room says 0
        List<EventProbe.Received> left = EventProbe.await(Topics.PRESENCE, of(ViewerPresence.LEFT, session), 3, WAIT);
        assertThat(left.stream().filter(r -> r.envelope().path("data").path("reason").asText().equals("disconnect"))).hasSize(2);
        EventProbe.await(Topics.PRESENCE, envelope -> of(RoomHeartbeat.TYPE, session).test(envelope)
                && envelope.path("data").path("viewers").asInt() == 0, 1, WAIT);
    }

    @Test
    void reactionsAreCoalescedForViewersAndEachOnePublished() {
        UUID session = Rooms.live(82, List.of());
        List<NodeClient> senders = new ArrayList<>();
        try (NodeClient watcher = client("")) {
            watcher.sendFrame(Map.of("event", "join-session", "data", session.toString()));
            watcher.await(isEvent("viewer-count"), WAIT);
            for (int i = 0; i < 5; i++) {
                NodeClient sender = client("?token=" + TestTokens.viewer(820 + i, "r" + i));
                senders.add(sender);
                sender.sendFrame(Map.of("event", "join-session", "data", session.toString()));
                sender.await(isEvent("viewer-count"), WAIT);
            }
            for (int round = 0; round < 10; round++) {
                for (NodeClient sender : senders) {
                    sender.sendFrame(Map.of("event", "send-reaction", "data", Map.of("sessionId", session.toString(),
                            "type", round % 2 == 0 ? "love" : "fire")));
                }
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(watcher.events("new-reaction").stream()
                    .mapToInt(line -> payload(line).path("count").asInt()).sum()).isEqualTo(50));
            assertThat(watcher.events("new-reaction")).hasSizeLessThan(15);
            await().atMost(WAIT).untilAsserted(() -> assertThat(watcher.events("reaction-stats"))
                    .anyMatch(line -> payload(line).path("total").asInt() == 50
                            && payload(line).path("percentages").path("love").asInt() == 50));
            List<EventProbe.Received> sent = EventProbe.await(Topics.REACTIONS, of(ReactionSent.SENT, session), 50, WAIT);
            assertThat(sent).hasSize(50);
            EventSchemas.assertValid(sent.get(0).envelope());
            assertThat(sent.get(0).envelope().path("data").path("viewerId").asText()).startsWith("user:82");

            // a per-connection limit: a burst far above it is refused with errors, never silently
            NodeClient flooder = senders.get(0);
            for (int i = 0; i < 40; i++) {
                flooder.sendFrame(Map.of("event", "send-reaction", "data", Map.of("sessionId", session.toString(), "type", "wow")));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(flooder.events("error"))
                    .anyMatch(line -> payload(line).path("message").asText().contains("too fast")));
        } finally {
            senders.forEach(NodeClient::close);
        }
    }

    @Test
    void clicksAreCheckedAgainstTheSessionsProductsAndStatsAreRelayed() {
        UUID product = UUID.randomUUID();
        UUID session = Rooms.live(83, List.of(product));
        try (NodeClient creator = client("?token=" + TestTokens.creator(83, "cruz"));
             NodeClient viewer = client("")) {
            creator.sendFrame(Map.of("event", "join-session", "data", session.toString()));
            viewer.sendFrame(Map.of("event", "join-session", "data", Map.of("sessionId", session.toString(), "deviceId", "d-83")));
            viewer.await(isEvent("viewer-count"), WAIT);
            creator.await(isEvent("viewer-count"), WAIT);
            viewer.sendFrame(Map.of("event", "track-product-click", "data", Map.of("sessionId", session.toString(),
                    "productId", product.toString()), "id", "c1"));
            viewer.sendFrame(Map.of("event", "product-click", "data", Map.of("sessionId", session.toString(),
                    "productId", UUID.randomUUID().toString()), "id", "c2"));
            JsonNode refused = payload(viewer.await(isEvent("error"), WAIT));
            assertThat(refused.path("event").asText()).isEqualTo("product-click");
            EventProbe.Received click = EventProbe.await(Topics.CLICKS, of(ProductClicked.TYPE, session), 1, WAIT).get(0);
            EventSchemas.assertValid(click.envelope());
            assertThat(click.envelope().path("data").path("viewerId").asText()).isEqualTo("device:d-83");
            assertThat(click.envelope().path("data").path("productId").asText()).isEqualTo(product.toString());

            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            SessionStats stats = new SessionStats(session, 1, 1, 1, 0, 0, 1, at, 1, 12.5, 1, 0,
                    Map.of(), Map.of(), List.of(new SessionStats.ProductClickStat(product, 1, 1, 0.3333)),
                    List.of(new SessionStats.TrendingProduct(1, product, 1, 1, 0.3333)));
            TestEvents.publish(Topics.SESSION_STATS, SessionStats.TYPE, "analytics-service", session.toString(), stats);
            JsonNode clickStats = payload(viewer.await(isEvent("product-click-stats"), WAIT));
            assertThat(clickStats.path("productStats").path(0).path("productId").asText()).isEqualTo(product.toString());
            assertThat(clickStats.path("totalViewers").asInt()).isEqualTo(1);
            // the unit clients already read from GET conversion-stats: a percentage with two decimals
            assertThat(clickStats.path("productStats").path(0).path("clickThroughRate").asDouble()).isEqualTo(33.33);
            JsonNode trending = payload(viewer.await(isEvent("trending-products"), WAIT));
            assertThat(trending.path("products").path(0).path("rank").asInt()).isEqualTo(1);
            assertThat(trending.path("trending")).isEqualTo(trending.path("products"));
            assertThat(trending.path("products").path(0).path("clickThroughRate").asDouble()).isEqualTo(33.33);
            JsonNode update = payload(creator.await(isEvent("analytics-update"), WAIT));
            assertThat(update.path("currentViewers").asInt()).isEqualTo(1);
            assertThat(viewer.events("analytics-update")).isEmpty();
        }
    }

    @Test
    void lifecycleAndShowcaseFromSessionEventsReachTheRoom() {
        UUID product = UUID.randomUUID();
        UUID session = Rooms.live(84, List.of(product));
        try (NodeClient viewer = client("?token=" + TestTokens.viewer(85, "lu"))) {
            viewer.sendFrame(Map.of("event", "join-session", "data", session.toString()));
            viewer.await(isEvent("viewer-count"), WAIT);
            SessionState live = Rooms.state(session, 84, SessionState.STATUS_LIVE, List.of(product),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            Rooms.publish(SessionState.PRODUCT_SHOWCASED, Rooms.showcased(live, product));
            JsonNode showcased = payload(viewer.await(isEvent("product-showcased"), WAIT));
            assertThat(showcased.path("productId").asText()).isEqualTo(product.toString());
            assertThat(showcased.path("product").path("name").asText()).isEqualTo("Linen shirt");
            Rooms.publish(SessionState.SHOWCASE_CLEARED, Rooms.state(session, 84, SessionState.STATUS_LIVE, List.of(product),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(5)));
            viewer.await(isEvent("showcase-cleared"), WAIT);
            Rooms.publish(SessionState.ENDED, Rooms.state(session, 84, SessionState.STATUS_ENDED, List.of(product),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(10)));
            JsonNode ended = payload(viewer.await(isEvent("stream-ended"), WAIT));
            assertThat(ended.path("status").asText()).isEqualTo("ended");
            EventProbe.Received left = EventProbe.await(Topics.PRESENCE, of(ViewerPresence.LEFT, session), 1, WAIT).get(0);
            assertThat(left.envelope().path("data").path("reason").asText()).isEqualTo("session-ended");
        }
    }
}
