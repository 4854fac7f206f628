package com.streambazaar.system;

import com.streambazaar.testkit.BazaarStack;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real stack started with {@code ./bazaar up -d} on spare ports, a state folder under target/ and a database
 * of its own, exactly as a developer starts it; stopped with {@code ./bazaar down}.
 */
final class StackUnderTest {

    static final int EDGE_PORT = 13000;
    /** Two realtime replicas, so every socket test also crosses replicas through the edge. */
    static final int REALTIME_REPLICAS = 2;
    private static final Map<String, String> PORTS = Map.of(
            "BAZAAR_AUTH_PORT", "18081", "BAZAAR_SESSION_PORT", "18082", "BAZAAR_CATALOG_PORT", "18083",
            "BAZAAR_REALTIME_PORT", "18084", "BAZAAR_REALTIME_EXTRA_PORT", "18094", "BAZAAR_ANALYTICS_PORT", "18085",
            "BAZAAR_KAFKA_PORT", "19092", "BAZAAR_KAFKA_CONTROLLER_PORT", "19093", "BAZAAR_EMBEDDED_PG_PORT", "15433");

    private final String database = "bazaar_system_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final BazaarStack stack;
    private Duration startTime;

    StackUnderTest() {
        Path root = BazaarStack.checkout();
        Map<String, String> settings = new HashMap<>(PORTS);
        settings.put("BAZAAR_DB_NAME", database);
        settings.put("BAZAAR_REALTIME_REPLICAS", String.valueOf(REALTIME_REPLICAS));
        this.stack = new BazaarStack(root, root.resolve("system-tests/target/stack-" + UUID.randomUUID().toString()
                .substring(0, 8)), EDGE_PORT, settings);
    }

    void start() throws Exception {
        startTime = stack.up();
    }

    void stop() throws Exception {
        stack.down();
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (Exception ignored) {
            // an embedded server went away with the stack, and its database with it
        }
    }

    /** The state folder of the stack (pid files, logs). */
    Path state() {
        return stack.state();
    }

    String baseUrl() {
        return stack.baseUrl();
    }

    /** The service's own port, past the edge (e.g. "auth"). */
    String serviceUrl(String service) {
        return "http://localhost:" + PORTS.get("BAZAAR_" + service.toUpperCase(java.util.Locale.ROOT) + "_PORT");
    }

    Duration startTime() {
        return startTime;
    }

    String logs() {
        return stack.logs();
    }
}
