package com.streambazaar.bench.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Viewers that are the real npm socket.io-client (the one realtime-service's build installs under
 * {@code target/test-js}), in one Node process running {@code sio-fanout.js}: they join a fan-out room through the
 * given URL (the edge, as an app would) with the client's default transports (long-polling, then the upgrade to
 * WebSocket) and time what they receive, so the figure is what a real client sees.
 */
public final class RealClients implements AutoCloseable {

    /** Starts real viewers in a room. */
    public interface Factory {
        RealClients join(UUID session) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final int count;

    private RealClients(Process process, int count) {
        this.process = process;
        this.count = count;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        System.err.println("socket.io-client: " + line);
                    }
                }
            } catch (IOException ignored) {
                // ended
            }
        }, "sio-clients-out");
        reader.setDaemon(true);
        reader.start();
    }

    /** A factory for {@code count} viewers on {@code url}; the npm modules are in {@code testJsDir/node_modules}. */
    public static Factory factory(String url, int count, Path testJsDir, Path workDir) {
        return session -> start(url, session, count, testJsDir, workDir);
    }

    static RealClients start(String url, UUID session, int count, Path testJsDir, Path workDir) throws Exception {
        if (!Files.isDirectory(testJsDir.resolve("node_modules/socket.io-client"))) {
            throw new IllegalStateException("socket.io-client is not installed in " + testJsDir
                    + " (realtime-service's build runs npm ci there: ./mvnw -pl realtime-service package -DskipTests)");
        }
        Files.createDirectories(workDir);
        Path script = workDir.resolve("sio-fanout.js");
        try (InputStream in = RealClients.class.getResourceAsStream("/sio-fanout.js")) {
            Files.write(script, in.readAllBytes());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", url);
        config.put("sessionId", session.toString());
        config.put("count", count);
        config.put("options", Map.of());
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), JSON.writeValueAsString(config))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NODE_PATH", testJsDir.resolve("node_modules").toAbsolutePath().toString());
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        RealClients clients = new RealClients(process, count);
        clients.await("started", 20);
        clients.await("joined", 60);
        return clients;
    }

    private JsonNode await(String type, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the socket.io-client process ended (exit " + process.exitValue() + ")");
                }
                continue;
            }
            if (type.equals(line.path("type").asText())) {
                return line;
            }
            if ("connect_error".equals(line.path("type").asText())) {
                System.err.println("socket.io-client could not connect: " + line.path("message").asText());
            }
        }
        throw new IllegalStateException("socket.io-client viewers: no '" + type + "' within " + seconds + " s");
    }

    /** What the viewers saw of the messages sent between {@code from} and {@code to}. */
    Map<String, Object> report(Instant from, Instant to, long messagesSent) throws Exception {
        command(Map.of("cmd", "report", "from", micros(from), "to", micros(to)));
        JsonNode report = await("report", 30);
        Map<String, Object> seen = new LinkedHashMap<>();
        long deliveries = report.path("deliveries").asLong();
        seen.put("clients", report.path("clients").asInt());
        seen.put("transports", JSON.convertValue(report.path("transports"), Map.class));
        seen.put("deliveries", deliveries);
        seen.put("lost", Math.max(0, messagesSent * count - deliveries));
        seen.put("p50Ms", report.path("p50Ms").isNull() ? null : report.path("p50Ms").asDouble());
        seen.put("p99Ms", report.path("p99Ms").isNull() ? null : report.path("p99Ms").asDouble());
        seen.put("maxMs", report.path("maxMs").isNull() ? null : report.path("maxMs").asDouble());
        return seen;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private void command(Map<String, Object> command) throws IOException {
        stdin.write(JSON.writeValueAsString(command) + "\n");
        stdin.flush();
    }

    @Override
    public void close() {
        try {
            command(Map.of("cmd", "exit"));
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
