package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real accounts, products and live shows made through the edge, as clients make them. */
final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, User> ADMIN = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** A signed-up user with its tokens. */
    record User(long id, String username, String password, String role, String token, String refreshToken) {
    }

    /** A live show: its creator, session and products (known to realtime-service, so clicks on them count). */
    record Show(User creator, String sessionId, List<String> productIds) {
    }

    static String base() {
        return SharedFaultStack.stack().baseUrl();
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
    }

    static User register(String role) {
        String username = uniqueName(role.substring(0, 1));
        String password = "pw-" + UUID.randomUUID();
        Http.Reply reply = Http.post(base() + "/api/auth/register", null, Map.of("username", username,
                "email", username + "@example.com", "password", password, "role", role));
        assertEquals(201, reply.status(), () -> "register " + username + ": " + reply);
        return user(reply.json().path("data"), password);
    }

    /** The operator's bootstrap admin (logged in once per run). */
    static User admin() {
        return ADMIN.computeIfAbsent("admin", k -> {
            Http.Reply reply = Http.post(base() + "/api/auth/login", null,
                    Map.of("username", FaultStack.ADMIN_USERNAME, "password", FaultStack.ADMIN_PASSWORD));
            assertEquals(200, reply.status(), () -> "admin login: " + reply);
            return user(reply.json().path("data"), FaultStack.ADMIN_PASSWORD);
        });
    }

    private static User user(JsonNode data, String password) {
        JsonNode user = data.path("user");
        return new User(user.path("id").asLong(), user.path("username").asText(), password, user.path("role").asText(),
                data.path("accessToken").asText(), data.path("refreshToken").asText());
    }

    static String product(User seller, String name) {
        Http.Reply reply = Http.post(base() + "/api/products", seller.token(),
                Map.of("name", name, "price", 19.5, "category", "Fault tests", "stock", 100));
        assertEquals(201, reply.status(), () -> "create product: " + reply);
        return reply.json().path("id").asText();
    }

    /** A scheduled session with {@code products} products of its creator. */
    static Show scheduled(User creator, int products) {
        List<String> productIds = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            productIds.add(product(creator, "Item " + i + " of " + creator.username()));
        }
        Http.Reply session = Http.post(base() + "/api/sessions", creator.token(),
                Map.of("title", "Show of " + creator.username(), "description", "fault tests", "productIds", productIds));
        assertEquals(201, session.status(), () -> "create session: " + session);
        return new Show(creator, session.json().path("data").path("id").asText(), productIds);
    }

    /** A live show whose room realtime-service knows with all its products. */
    static Show live(User creator, int products) {
        Show show = scheduled(creator, products);
        Http.Reply start = Http.post(base() + "/api/sessions/" + show.sessionId() + "/start-stream", creator.token(), null);
        assertEquals(200, start.status(), () -> "start-stream: " + start);
        awaitRoom(show, "live");
        return show;
    }

    /** Until realtime-service's room read model has the session with that status and all its products. */
    static void awaitRoom(Show show, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection db = SharedFaultStack.stack().database();
                 PreparedStatement query = db.prepareStatement(
                         "select status, product_ids from realtime.session_room where session_id = ?::uuid")) {
                query.setString(1, show.sessionId());
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && status.equals(row.getString(1))) {
                        Array ids = row.getArray(2);
                        List<String> known = Arrays.stream((Object[]) ids.getArray()).map(Object::toString).toList();
                        if (known.containsAll(show.productIds())) {
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                // the database may be coming back
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("realtime-service never saw session " + show.sessionId() + " " + status);
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
