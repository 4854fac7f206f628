package com.streambazaar.catalog;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** bazaar.users.v1 → the seller read model: applied once, order-safe, robust to poison records. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class SellerReadModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void userEventsKeepTheNewestSellerState() throws SQLException {
        long id = CatalogApi.newUserId();
        Instant registeredAt = Instant.parse("2025-01-01T10:00:00Z");
        publish(UUID.randomUUID(), "user.registered", user(id, "maker" + id, "viewer", registeredAt, registeredAt));
        await().atMost(WAIT).until(() -> "viewer".equals(column(id, "role")));
        assertEquals("maker" + id, column(id, "username"));

        UUID promotion = UUID.randomUUID();
        publish(promotion, "user.updated", user(id, "maker" + id, "creator", registeredAt, registeredAt.plusSeconds(60)));
        await().atMost(WAIT).until(() -> "creator".equals(column(id, "role")));

        // an older state arriving late changes nothing
        publish(UUID.randomUUID(), "user.updated", user(id, "stale" + id, "viewer", registeredAt, registeredAt.plusSeconds(30)));
        // a redelivered eventId is skipped even if its content differs
        publish(promotion, "user.updated", user(id, "dup" + id, "admin", registeredAt, registeredAt.plusSeconds(600)));
        // unreadable records are skipped without stopping the consumer (hand-written: they break the contract on purpose)
        EventProbe.publish(Topics.USERS, String.valueOf(id), "not an envelope");
        EventProbe.publish(Topics.USERS, String.valueOf(id), EventProbe.envelope(UUID.randomUUID(), "user.updated",
                "auth-service", String.valueOf(id), Map.of("id", "not-a-number")));

        long marker = CatalogApi.newUserId();
        // same record key as the events above, so it is consumed after them whatever the partition count
        EventProbe.publish(Topics.USERS, String.valueOf(id), TestEvents.envelope(UserState.REGISTERED, "auth-service",
                String.valueOf(marker), user(marker, "marker" + marker, "creator", registeredAt, registeredAt)));
        await().atMost(WAIT).until(() -> column(marker, "username") != null);

        assertEquals("creator", column(id, "role"));
        assertEquals("maker" + id, column(id, "username"));
    }

    /** A user event "from auth-service", built from the contract record and checked against its schema. */
    private static void publish(UUID eventId, String type, UserState user) {
        String key = String.valueOf(user.id());
        EventProbe.publish(Topics.USERS, key, TestEvents.envelope(eventId, Instant.now(), type, "auth-service", key, user));
    }

    private static UserState user(long id, String username, String role, Instant createdAt, Instant updatedAt) {
        return UserState.active(id, username, role, createdAt, updatedAt);
    }

    private static String column(long id, String column) throws SQLException {
        try (Connection c = CatalogApi.db();
             PreparedStatement s = c.prepareStatement("select " + column + " from catalog.seller where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
