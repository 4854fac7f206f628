package com.streambazaar.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole stack as a developer starts it — {@code ./bazaar up -d} from the checkout at {@code root}, with a state
 * folder and settings (ports, replicas, database) of the test's own — for the modules that test it from outside
 * (system-tests, fault-tests). Stopped with {@code ./bazaar down}.
 */
public final class BazaarStack {

    private final Path root;
    private final Path state;
    private final int edgePort;
    private final Map<String, String> settings;

    /**
     * @param settings environment of every {@code ./bazaar} command (BAZAAR_* variables); the machine's own
     *                 KAFKA_BOOTSTRAP_SERVERS, BAZAAR_DB_HOST and BAZAAR_DB_NAME are never inherited
     */
    public BazaarStack(Path root, Path state, int edgePort, Map<String, String> settings) {
        this.root = root;
        this.state = state;
        this.edgePort = edgePort;
        this.settings = Map.copyOf(settings);
    }

    /** The checkout named by the build ({@code -Dbazaar.root}), else the parent folder. */
    public static Path checkout() {
        return Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts it and waits until the edge answers {@code /health}; returns how long that took. */
    public Duration up() throws Exception {
        Instant begin = Instant.now();
        Process up = command("up", "-d").inheritIO().start();
        if (!up.waitFor(6, TimeUnit.MINUTES)) {
            up.destroyForcibly();
            throw new IllegalStateException("./bazaar up did not finish in 6 minutes\n" + logs());
        }
        if (up.exitValue() != 0) {
            throw new IllegalStateException("./bazaar up failed (" + up.exitValue() + ")\n" + logs());
        }
        awaitEdge(begin.plus(Duration.ofMinutes(4)));
        return Duration.between(begin, Instant.now());
    }

    public void down() throws Exception {
        Process down = command("down").inheritIO().start();
        if (!down.waitFor(3, TimeUnit.MINUTES)) {
            down.destroyForcibly();
        }
    }

    /** {@code ./bazaar <args>} against this stack (not started). */
    public ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bazaar").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.remove("BAZAAR_DB_HOST");
        env.remove("BAZAAR_DB_NAME");
        env.put("BAZAAR_STATE_DIR", state.toString());
        env.put("BAZAAR_EDGE_PORT", String.valueOf(edgePort));
        env.putAll(settings);
        return builder;
    }

    public Path state() {
        return state;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + edgePort;
    }

    /** One process's log ({@code kafka}, {@code auth}, {@code realtime-2}, ...), empty when there is none. */
    public String log(String process) {
        try {
            return Files.readString(state.resolve("logs/" + process + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** The last 25 lines of every process's log, for a failure message. */
    public String logs() {
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

    /** Waits until the edge answers {@code /health} with 200. */
    public void awaitEdge(Instant deadline) throws Exception {
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
