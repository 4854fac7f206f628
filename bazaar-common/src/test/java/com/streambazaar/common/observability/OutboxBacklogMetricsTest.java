package com.streambazaar.common.observability;

import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.MetricsScrape;
import com.streambazaar.testkit.TestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox gauges follow the table: events waiting raise the backlog and the oldest age, and fall when they leave. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class OutboxBacklogMetricsTest {

    private static final String TOPIC = "bazaar.backbone-metrics.v1";

    @Test
    void backlogAndOldestAgeFollowTheEventsWaitingInTheOutbox() throws Exception {
        String key = UUID.randomUUID().toString();
        // two events written two minutes ago whose next attempt is an hour away: they wait, as after failed sends
        try (Connection c = db(); PreparedStatement insert = c.prepareStatement("""
                insert into backbone.outbox_event (id, topic, event_key, payload, created_at, next_attempt_at)
                values (?, ?, ?, '{}', now() - interval '120 seconds', now() + interval '1 hour')""")) {
            for (int i = 0; i < 2; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, TOPIC);
                insert.setString(3, key);
                insert.executeUpdate();
            }
        }
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                MetricsScrape scrape = MetricsScrape.now();
                assertTrue(scrape.value("bazaar_outbox_backlog", "application", "backbone-test") >= 2, scrape.text());
                assertTrue(scrape.value("bazaar_outbox_oldest_age_seconds", "application", "backbone-test") >= 120);
            });
        } finally {
            try (Connection c = db(); PreparedStatement delete = c.prepareStatement(
                    "delete from backbone.outbox_event where topic = ?")) {
                delete.setString(1, TOPIC);
                delete.executeUpdate();
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(
                MetricsScrape.now().value("bazaar_outbox_oldest_age_seconds", "application", "backbone-test") < 120));
    }

    @Test
    void consumerLagIsExposedForTheChannelsConsumers() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                MetricsScrape.now().has("kafka_consumer_fetch_manager_records_lag_max"),
                "Kafka consumer lag from the client's own metrics"));
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(TestBroker.jdbcUrl(), "postgres", "");
    }
}
