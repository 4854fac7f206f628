package com.streambazaar.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stack of the benchmark's own, started with {@code ./bazaar up -d} on its own ports, state folder and database (so
 * a developer's stack on 3000/808x keeps running beside it), and stopped with {@code ./bazaar down}. Every start is
 * fresh: the state folder (Kafka's data, an embedded Postgres) is wiped and the database dropped first.
 */
public final class LocalStack implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^\\s+(\\S+)\\s+ready in ([0-9.]+) s");
    private static final Pattern STARTED = Pattern.compile("Stream Bazaar is up \\(started in ([0-9.]+) s\\)");

    /** Ports and names of a benchmark stack. */
    public record Settings(Path root, Path stateDir, String database, int edgePort, int authPort, int sessionPort,
                           int catalogPort, int realtimePort, int analyticsPort, int realtimeExtraPort, int kafkaPort,
                           int kafkaControllerPort, int embeddedPgPort, int realtimeReplicas, String services) {

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("BAZAAR_STATE_DIR", stateDir.toString());
            env.put("BAZAAR_DB_NAME", database);
            env.put("BAZAAR_EDGE_PORT", Integer.toString(edgePort));
            env.put("BAZAAR_EDGE_HOST", "127.0.0.1");
            env.put("BAZAAR_AUTH_PORT", Integer.toString(authPort));
            env.put("BAZAAR_SESSION_PORT", Integer.toString(sessionPort));
            env.put("BAZAAR_CATALOG_PORT", Integer.toString(catalogPort));
            env.put("BAZAAR_REALTIME_PORT", Integer.toString(realtimePort));
            env.put("BAZAAR_ANALYTICS_PORT", Integer.toString(analyticsPort));
            env.put("BAZAAR_REALTIME_EXTRA_PORT", Integer.toString(realtimeExtraPort));
            env.put("BAZAAR_KAFKA_PORT", Integer.toString(kafkaPort));
            env.put("BAZAAR_KAFKA_CONTROLLER_PORT", Integer.toString(kafkaControllerPort));
            env.put("BAZAAR_EMBEDDED_PG_PORT", Integer.toString(embeddedPgPort));
            env.put("BAZAAR_REALTIME_REPLICAS", Integer.toString(realtimeReplicas));
            if (services != null && !services.isBlank()) {
                env.put("BAZAAR_SERVICES", services);
            }
            // the benchmark signs up creators itself
            env.put("BAZAAR_AUTH_DEFAULT_ROLE", "viewer");
            // every generated guest viewer comes from 127.0.0.1, which a real audience never does: lift the guest chat
            // limit per client address (it guards against one network flooding a room), or it would cap the whole
            // fan-out at 2 msg/s; the per-viewer limit (1 msg/s) still holds, so each sender sends once a second
            env.put("BAZAAR_REALTIME_GUEST_CHAT_PER_ADDRESS_BURST", "1000000");
            env.put("BAZAAR_REALTIME_GUEST_CHAT_PER_ADDRESS_PER_SECOND", "1000000");
            return env;
        }

        public Settings withServices(String only, int replicas) {
            return new Settings(root, stateDir, database, edgePort, authPort, sessionPort, catalogPort, realtimePort,
                    analyticsPort, realtimeExtraPort, kafkaPort, kafkaControllerPort, embeddedPgPort, replicas, only);
        }
    }

    /** What one start took: the whole stack, and each process as the launcher saw it get ready. */
    public record StartUp(double stackSeconds, Map<String, Double> readySeconds) {
    }

    private final Settings settings;
    private final StartUp startUp;
    private final Stack stack;
    private final Thread hook;
    private boolean stopped;

    private LocalStack(Settings settings, StartUp startUp, Stack stack, Thread hook) {
        this.settings = settings;
        this.startUp = startUp;
        this.stack = stack;
        this.hook = hook;
    }

    /** Wipes the previous run's state, then starts the stack and waits until every service is ready. */
    public static LocalStack startFresh(Settings settings) throws Exception {
        wipe(settings);
        return start(settings);
    }

    /**
     * Starts on the state that is there (Kafka's data and the database are kept). The ports sit inside Linux's
     * ephemeral range (32768–60999), so an outgoing connection can hold one for a moment: a start that failed on a
     * port in use is tried again.
     */
    public static LocalStack start(Settings settings) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(settings);
            } catch (IllegalStateException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("in use")) {
                    throw e;
                }
                System.out.println("  a port was in use; starting again");
                Thread.sleep(2000);
            }
        }
    }

    private static LocalStack startOnce(Settings settings) throws Exception {
        Files.createDirectories(settings.stateDir());
        Path log = Files.createTempFile("bench-stack-", ".log");
        ProcessBuilder builder = new ProcessBuilder(settings.root().resolve("bazaar").toString(), "up", "-d")
                .directory(settings.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(settings.environment());
        long begin = System.nanoTime();
        Process up = builder.start();
        // a benchmark interrupted while its stack starts must not leave the stack behind
        Thread hook = new Thread(() -> down(settings));
        Runtime.getRuntime().addShutdownHook(hook);
        if (!up.waitFor(300, TimeUnit.SECONDS)) {
            up.destroy();
            throw new IllegalStateException("./bazaar up did not finish in 300 s; see " + log);
        }
        double took = (System.nanoTime() - begin) / 1e9;
        String output = Files.readString(log);
        if (up.exitValue() != 0) {
            down(settings);
            Runtime.getRuntime().removeShutdownHook(hook);
            String launcherLog = "";
            try {
                launcherLog = Files.readString(settings.stateDir().resolve("logs/launcher.log"));
            } catch (IOException ignored) {
                // only the output then
            }
            throw new IllegalStateException("./bazaar up failed (exit " + up.exitValue() + "):\n" + output
                    + (launcherLog.contains("in use") ? "\n(a port was in use)" : ""));
        }
        Map<String, Double> ready = new LinkedHashMap<>();
        double stackSeconds = took;
        for (String line : output.split("\n")) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                ready.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            Matcher s = STARTED.matcher(line);
            if (s.find()) {
                stackSeconds = Double.parseDouble(s.group(1));
            }
        }
        Stack stack = Stack.fromStateDir(settings.stateDir());
        return new LocalStack(settings, new StartUp(stackSeconds, ready), stack, hook);
    }

    public Stack stack() {
        return stack;
    }

    public StartUp startUp() {
        return startUp;
    }

    public Settings settings() {
        return settings;
    }

    /** Leaves the stack running when the benchmark ends (--keep-stack). */
    public synchronized void keepRunning() {
        stopped = true;
        Runtime.getRuntime().removeShutdownHook(hook);
    }

    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            down(settings);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    static void down(Settings settings) {
        try {
            ProcessBuilder builder = new ProcessBuilder(settings.root().resolve("bazaar").toString(), "down")
                    .directory(settings.root().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(settings.environment());
            Process down = builder.start();
            if (!down.waitFor(90, TimeUnit.SECONDS)) {
                down.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("could not stop the benchmark stack: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The previous run's state folder (keys kept) and database go, so every run starts from nothing. */
    static void wipe(Settings settings) throws IOException {
        down(settings);
        Path state = settings.stateDir();
        if (Files.isDirectory(state)) {
            List<Path> doomed = new ArrayList<>();
            try (Stream<Path> entries = Files.list(state)) {
                entries.filter(p -> !p.getFileName().toString().equals("keys")).forEach(doomed::add);
            }
            for (Path path : doomed) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        dropDatabase(settings);
    }

    /** Drops the benchmark's database on the machine's Postgres (what the launcher picks first), if it is there. */
    public static void dropDatabase(Settings settings) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + settings.database() + "\" WITH (FORCE)");
        } catch (SQLException e) {
            // no local server: the launcher starts an embedded one in the (wiped) state folder
        }
    }
}
