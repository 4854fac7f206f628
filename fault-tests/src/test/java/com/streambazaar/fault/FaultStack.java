package com.streambazaar.fault;

import com.streambazaar.testkit.BazaarStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * This module's own stack, started with {@code ./bazaar up -d} as a developer starts it, on ports of its own (edge
 * 14000, services 1408x, realtime-2 14094, Kafka 14092/14093), with a state folder under target/, two realtime
 * replicas and an <b>embedded</b> Postgres on 14433, so that the tests can stop and start the database without touching
 * the machine's Postgres, which other test runs use. Faults go through the launcher that owns the processes:
 * {@code ./bazaar stop|start|restart|kill <process>}.
 */
final class FaultStack {

    static final int EDGE_PORT = 14000;
    static final int KAFKA_PORT = 14092;
    static final int PG_PORT = 14433;
    static final String ADMIN_USERNAME = "fault-admin";
    static final String ADMIN_PASSWORD = System.getProperty("fault.admin.password", "fault-admin-" + UUID.randomUUID());
    /** Allowed browser origins: the stack runs with a CORS list, as production does. */
    static final List<String> CORS_ORIGINS = List.of("https://shop.example", "http://localhost:5173");
    static final Map<String, Integer> PORTS = Map.of(
            "auth", 14081, "session", 14082, "catalog", 14083, "realtime", 14084, "realtime-2", 14094, "analytics", 14085);
    private static final Map<String, String> PORT_VARIABLES = Map.of(
            "BAZAAR_AUTH_PORT", "14081", "BAZAAR_SESSION_PORT", "14082", "BAZAAR_CATALOG_PORT", "14083",
            "BAZAAR_REALTIME_PORT", "14084", "BAZAAR_REALTIME_EXTRA_PORT", "14094", "BAZAAR_ANALYTICS_PORT", "14085",
            "BAZAAR_KAFKA_PORT", String.valueOf(KAFKA_PORT), "BAZAAR_KAFKA_CONTROLLER_PORT", "14093",
            "BAZAAR_EMBEDDED_PG_PORT", String.valueOf(PG_PORT));

    private final Path state;
    private final BazaarStack stack;
    private final List<String> faults = new ArrayList<>();
    private Duration startTime;

    /**
     * {@code -Dfault.attach=<state folder>} (with {@code -Dfault.admin.password}) runs the tests against a stack that
     * is already up with this module's settings instead of starting one; it is left running.
     */
    private final boolean attached;

    FaultStack() {
        Path root = BazaarStack.checkout();
        String attach = System.getProperty("fault.attach", "");
        this.attached = !attach.isBlank();
        this.state = attached ? Path.of(attach).toAbsolutePath()
                : root.resolve("fault-tests/target/stack-" + UUID.randomUUID().toString().substring(0, 8));
        this.stack = new BazaarStack(root, state, EDGE_PORT, settings());
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(PORT_VARIABLES);
        settings.put("BAZAAR_EMBEDDED_PG", "true");
        settings.put("BAZAAR_REALTIME_REPLICAS", "2");
        settings.put("BAZAAR_CORS_ORIGINS", String.join(",", CORS_ORIGINS));
        settings.put("BAZAAR_AUTH_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        settings.put("BAZAAR_AUTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_USERNAME + "@example.test");
        settings.put("BAZAAR_AUTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return settings;
    }

    void start() throws Exception {
        if (attached) {
            stack.awaitEdge(Instant.now().plus(Duration.ofSeconds(10)));
            startTime = Duration.ZERO;
            return;
        }
        startTime = stack.up();
    }

    void stop() throws Exception {
        if (attached) {
            return;
        }
        stack.down();
    }

    /**
     * {@code ./bazaar <verb> <process>} against this stack (stop, start, restart, kill): returns when the launcher says
     * it is done (start and restart: ready again); fails the test when it refuses.
     */
    String control(String verb, String process) {
        try {
            Process run = stack.command(verb, process).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(4, TimeUnit.MINUTES)) {
                run.destroyForcibly();
                throw new IllegalStateException("./bazaar " + verb + " " + process + " did not finish");
            }
            if (run.exitValue() != 0) {
                throw new IllegalStateException("./bazaar " + verb + " " + process + " failed (" + run.exitValue() + "): "
                        + output + "\n" + logs());
            }
            synchronized (faults) {
                faults.add(verb + " " + process);
            }
            System.out.print(output);
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every fault injected so far (stop/start/kill/restart requests), for the run's summary. */
    List<String> faults() {
        synchronized (faults) {
            return List.copyOf(faults);
        }
    }

    String baseUrl() {
        return stack.baseUrl();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + EDGE_PORT;
    }

    static String serviceUrl(String name) {
        return "http://127.0.0.1:" + PORTS.get(name);
    }

    Duration startTime() {
        return startTime;
    }

    Path state() {
        return state;
    }

    /** The stack's database, as the services see it (schemas auth, catalog, sessions, realtime, analytics). */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/bazaar", "postgres", "");
    }

    /** auth-service's signing key (the launcher's development key in the state folder): kid and PKCS#8 PEM. */
    Map.Entry<String, String> signingKey() throws IOException {
        try (var keys = Files.list(state.resolve("keys"))) {
            Path pem = keys.filter(p -> p.getFileName().toString().endsWith(".pem")).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no signing key in " + state.resolve("keys")));
            String name = pem.getFileName().toString();
            return Map.entry(name.substring(0, name.length() - 4), Files.readString(pem));
        }
    }

    /** The pids of the stack's processes as the launcher last wrote them (service name or "kafka" → pid). */
    Map<String, Long> pids() {
        Properties stack = new Properties();
        try (var in = Files.newBufferedReader(state.resolve("stack.properties"))) {
            stack.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("stack.properties is missing: is the stack up?", e);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : stack.getProperty("services", "").split(",")) {
            if (!name.isBlank()) {
                pids.put(name, Long.parseLong(stack.getProperty("service." + name + ".pid")));
            }
        }
        if (stack.getProperty("kafka.pid") != null) {
            pids.put("kafka", Long.parseLong(stack.getProperty("kafka.pid")));
        }
        return pids;
    }

    /** The processes of the stack that are not running (none, unless a test stopped one on purpose). */
    List<String> deadProcesses() {
        List<String> dead = new ArrayList<>();
        pids().forEach((name, pid) -> {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                dead.add(name + " (pid " + pid + ")");
            }
        });
        return dead;
    }

    String log(String process) {
        return stack.log(process);
    }

    String logs() {
        return stack.logs();
    }
}
