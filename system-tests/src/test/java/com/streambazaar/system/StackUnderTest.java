package com.streambazaar.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real stack started with {@code ./bazaar up -d} on spare ports, a state folder under target/ and a database
 * of its own, exactly as a developer starts it; stopped with {@code ./bazaar down}.
 */
final class StackUnderTest {

    static final int EDGE_PORT = 13000;
    /** Two realtime replicas, so every socket test also crosses replicas through the edge. */
    static final int REALTIME_REPLICAS = 2;
    private static final Map<String, Integer> PORTS = Map.of(
            "BAZAAR_AUTH_PORT", 18081, "BAZAAR_SESSION_PORT", 18082, "BAZAAR_CATALOG_PORT", 18083,
            "BAZAAR_REALTIME_PORT", 18084, "BAZAAR_REALTIME_EXTRA_PORT", 18094, "BAZAAR_ANALYTICS_PORT", 18085,
            "BAZAAR_KAFKA_PORT", 19092, "BAZAAR_KAFKA_CONTROLLER_PORT", 19093, "BAZAAR_EMBEDDED_PG_PORT", 15433);

    private final Path root;
    private final Path state;
    private final String database;
    private Duration startTime;

    StackUnderTest() {
        this.root = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
        this.state = root.resolve("system-tests/target/stack-" + UUID.randomUUID().toString().substring(0, 8));
        this.database = "bazaar_system_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    void start() throws Exception {
        Instant begin = Instant.now();
        Process up = command("up", "-d").start();
        if (!up.waitFor(6, TimeUnit.MINUTES)) {
            up.destroyForcibly();
            throw new IllegalStateException("./bazaar up did not finish in 6 minutes\n" + logs());
        }
        if (up.exitValue() != 0) {
            throw new IllegalStateException("./bazaar up failed (" + up.exitValue() + ")\n" + logs());
        }
        awaitEdge(begin.plus(Duration.ofMinutes(4)));
        startTime = Duration.between(begin, Instant.now());
    }

    void stop() throws Exception {
        Process down = command("down").start();
        down.waitFor(2, TimeUnit.MINUTES);
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (Exception ignored) {
            // an embedded server went away with the stack, and its database with it
        }
    }

    /** The state folder of the stack (pid files, logs). */
    Path state() {
        return state;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + EDGE_PORT;
    }

    Duration startTime() {
        return startTime;
    }

    String logs() {
        StringBuilder out = new StringBuilder();
        Path logs = state.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no logs)";
        }
        try (var files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("---- ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append(e);
        }
        return out.toString();
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bazaar").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("BAZAAR_STATE_DIR", state.toString());
        env.put("BAZAAR_EDGE_PORT", String.valueOf(EDGE_PORT));
        PORTS.forEach((name, port) -> env.put(name, String.valueOf(port)));
        env.put("BAZAAR_DB_NAME", database);
        env.put("BAZAAR_REALTIME_REPLICAS", String.valueOf(REALTIME_REPLICAS));
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.remove("BAZAAR_DB_HOST");
        return builder;
    }

    private void awaitEdge(Instant deadline) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The edge did not answer /health in time\n" + logs());
    }
}
