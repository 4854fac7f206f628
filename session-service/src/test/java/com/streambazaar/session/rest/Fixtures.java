package com.streambazaar.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import com.streambazaar.testkit.TestBroker;
import com.streambazaar.testkit.TestEvents;
import com.streambazaar.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Test data published "from other services" and small helpers over the real HTTP API, Kafka and database. */
final class Fixtures {

    private static final AtomicLong USER_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000);

    private Fixtures() {
    }

    /** A user id no other test uses. */
    static long newUserId() {
        return USER_IDS.incrementAndGet();
    }

    record User(long id, String username, String role, String token) {
    }

    static User creator() {
        long id = newUserId();
        return new User(id, "creator" + id, "creator", TestTokens.creator(id, "creator" + id));
    }

    static User viewer() {
        long id = newUserId();
        return new User(id, "viewer" + id, "viewer", TestTokens.viewer(id, "viewer" + id));
    }

    static User admin() {
        long id = newUserId();
        return new User(id, "admin" + id, "admin", TestTokens.admin(id, "admin" + id));
    }

    static RequestSpecification as(User user) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + user.token());
    }

    static RequestSpecification guest() {
        return given().contentType(ContentType.JSON);
    }

    /** Publishes user.registered/updated as auth-service would (the card is stored shortly after). */
    static void publishUser(String type, long id, String username, String role, Instant updatedAt) {
        TestEvents.publish(Topics.USERS, type, "auth-service", String.valueOf(id),
                UserState.active(id, username, role, Instant.parse("2024-01-01T00:00:00Z"), updatedAt));
    }

    /** A product's state as catalog-service publishes it: in stock, 5 left. */
    static ProductState product(UUID id, long sellerId, String name, String price, Instant updatedAt) {
        return product(id, sellerId, name, price, updatedAt, true, 5);
    }

    static ProductState product(UUID id, long sellerId, String name, String price, Instant updatedAt,
                                boolean inStock, Integer stock) {
        return new ProductState(id, name, "About " + name, new BigDecimal(price), null, "gadgets", inStock, stock,
                "https://img.example/" + id + ".png", sellerId, Instant.parse("2024-01-01T00:00:00Z"), updatedAt);
    }

    /** Publishes a product event as catalog-service would (built from the contract record, schema-checked). */
    static void publishProduct(String type, ProductState product) {
        TestEvents.publish(Topics.PRODUCTS, type, "catalog-service", product.id().toString(), product);
    }

    /** A product of the seller, known to the session service's read model when this returns. */
    static UUID knownProduct(long sellerId, String name) {
        UUID id = UUID.randomUUID();
        publishProduct("product.created", product(id, sellerId, name, "19.99", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from sessions.product_card where id = ?", id) == 1);
        return id;
    }

    /** Creates a session through the API and returns its id. */
    static String createSession(User creator, String body) {
        return as(creator).body(body).when().post("/api/sessions")
                .then().statusCode(201).extract().path("data.id");
    }

    static String createSession(User creator, String title, List<UUID> productIds) {
        StringBuilder ids = new StringBuilder();
        for (UUID id : productIds) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(id).append('"');
        }
        return createSession(creator, "{\"title\":\"" + title + "\",\"productIds\":[" + ids + "]}");
    }

    /** The session events with this key and type, each checked against its documented schema. */
    static List<JsonNode> sessionEvents(String sessionId, String type, int atLeast) {
        List<JsonNode> events = EventProbe.await(Topics.SESSIONS,
                e -> sessionId.equals(e.path("key").asText()) && type.equals(e.path("type").asText()), atLeast,
                Duration.ofSeconds(30)).stream().map(EventProbe.Received::envelope).toList();
        events.forEach(EventSchemas::assertValid);
        return events;
    }

    /** Every event of the session so far, in topic order (waits until the topic is quiet). */
    static List<JsonNode> allSessionEvents(String sessionId) {
        return EventProbe.readAll(Topics.SESSIONS, Duration.ofMillis(1500)).stream()
                .filter(r -> sessionId.equals(r.key())).map(EventProbe.Received::envelope).toList();
    }

    static long count(String sql, Object... params) throws SQLException {
        try (Connection c = db(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(TestBroker.jdbcUrl(), "postgres", "");
    }
}
