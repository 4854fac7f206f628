package com.streambazaar.common.backbone;

import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One key's events leave in the order they were written: while an earlier event of a key waits for its retry (its
 * send failed), none of the key's later events may overtake it; other keys go on.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class OutboxKeyOrderTest {

    private static final String TOPIC = "bazaar.backbone-order.v1";

    @Test
    void laterEventsOfAKeyWaitForItsPostponedEarlierOne() throws Exception {
        String key = "session-" + UUID.randomUUID();
        String otherKey = "session-" + UUID.randomUUID();
        UUID started = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (Connection c = db()) {
            // "started" failed to send earlier and waits for a retry in an hour; "ended" was written after it
            insert(c, started, key, "session.started", "now() - interval '3 seconds'", "now() + interval '1 hour'");
            insert(c, ended, key, "session.ended", "now() - interval '2 seconds'", "now()");
            insert(c, other, otherKey, "session.started", "now() - interval '1 second'", "now()");
        }

        EventProbe.await(TOPIC, e -> otherKey.equals(e.path("key").asText()), 1, Duration.ofSeconds(20));
        // several sweeps later the later event of the waiting key is still held back
        Thread.sleep(2500);
        assertTrue(EventProbe.readAll(TOPIC, Duration.ofMillis(500)).stream()
                .noneMatch(r -> key.equals(r.key())), "no event of the key may overtake its postponed predecessor");

        try (Connection c = db()) {
            c.createStatement().executeUpdate("update backbone.outbox_event set next_attempt_at = now() where id = '"
                    + started + "'");
        }
        List<EventProbe.Received> keyEvents = EventProbe.await(TOPIC, e -> key.equals(e.path("key").asText()), 2,
                Duration.ofSeconds(20));
        assertEquals(List.of(started.toString(), ended.toString()),
                keyEvents.stream().map(r -> r.envelope().path("eventId").asText()).toList(), "written order kept");
    }

    private static void insert(Connection c, UUID id, String key, String type, String createdAt, String due)
            throws Exception {
        String payload = EventProbe.envelope(id, type, "backbone-test", key, Map.of("id", key));
        try (PreparedStatement statement = c.prepareStatement("insert into backbone.outbox_event "
                + "(id, topic, event_key, payload, created_at, next_attempt_at, attempts) values (?, ?, ?, ?, "
                + createdAt + ", " + due + ", 1)")) {
            statement.setObject(1, id);
            statement.setString(2, TOPIC);
            statement.setString(3, key);
            statement.setString(4, payload);
            statement.executeUpdate();
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(TestBroker.jdbcUrl(), "postgres", "");
    }
}
