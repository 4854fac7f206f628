package com.streambazaar.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real npm client (socket.io-client, or ws for /ws) in a Node process: the test writes commands to it and reads
 * what it received, one JSON line each. The client scripts and their node_modules are realtime-service's
 * ({@code realtime-service/src/test/js}, installed by its build with npm ci into {@code target/test-js}); a module
 * points at them with the system property {@code bazaar.test.js.dir}.
 */
public final class NodeClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();

    private NodeClient(String script, Object config) {
        Path dir = Path.of(System.getProperty("bazaar.test.js.dir", "target/test-js"));
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("npm clients are not installed in " + dir + " (the build runs npm ci)");
        }
        try {
            process = new ProcessBuilder("node", script, MAPPER.writeValueAsString(config)).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    JsonNode node = MAPPER.readTree(line);
                    synchronized (lines) {
                        lines.add(node);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "node-client-out");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "node-client-err");
        errors.setDaemon(true);
        errors.start();
        await(line -> "started".equals(line.path("type").asText()), Duration.ofSeconds(20));
    }

    /** socket.io-client connecting to {@code url} with the given {@code io(url, options)} options. */
    public static NodeClient socketIo(String url, Map<String, Object> options) {
        return new NodeClient("sio-client.js", Map.of("url", url, "options", options));
    }

    /** A ws client on {@code url} with extra headers and subprotocols. */
    public static NodeClient ws(String url, Map<String, String> headers, List<String> protocols) {
        return new NodeClient("ws-client.js", Map.of("url", url, "headers", headers, "protocols", protocols));
    }

    public void command(Map<String, Object> command) {
        try {
            stdin.write(MAPPER.writeValueAsString(command) + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("node client is gone: " + stderr(), e);
        }
    }

    /** socket.io: {@code socket.emit(event, data)}; with {@code ackRef} the ack is printed as {type: ack, ref}. */
    public void emit(String event, Object data, String ackRef) {
        command(ackRef == null ? Map.of("cmd", "emit", "event", event, "data", data)
                : Map.of("cmd", "emit", "event", event, "data", data, "ack", ackRef));
    }

    /** ws: one frame {event, data[, id]}. */
    public void sendFrame(Map<String, Object> frame) {
        command(Map.of("cmd", "send", "frame", frame));
    }

    /** The first received line matching, waiting for it. */
    public JsonNode await(Predicate<JsonNode> filter, Duration timeout) {
        return awaitAll(filter, 1, timeout).get(0);
    }

    /** At least {@code count} matching lines (all matches so far), waiting for them. */
    public List<JsonNode> awaitAll(Predicate<JsonNode> filter, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (lines) {
            while (true) {
                List<JsonNode> matches = lines.stream().filter(filter).toList();
                if (matches.size() >= count) {
                    return matches;
                }
                long wait = Duration.between(Instant.now(), deadline).toMillis();
                if (wait <= 0) {
                    throw new AssertionError("Expected " + count + " matching line(s), got " + matches.size()
                            + ". Received:\n" + String.join("\n", lines.stream().map(JsonNode::toString).toList())
                            + "\nstderr:\n" + stderr());
                }
                try {
                    lines.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public List<JsonNode> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Events named {@code name} received so far (socket.io: type event; ws: frames). */
    public List<JsonNode> events(String name) {
        return lines().stream().filter(isEvent(name)).toList();
    }

    public static Predicate<JsonNode> isEvent(String name) {
        return line -> ("event".equals(line.path("type").asText()) && name.equals(line.path("name").asText()))
                || ("frame".equals(line.path("type").asText()) && name.equals(line.path("frame").path("event").asText()));
    }

    public static Predicate<JsonNode> isType(String type) {
        return line -> type.equals(line.path("type").asText());
    }

    /** The payload of an event line (socket.io: first argument; ws: data). */
    public static JsonNode payload(JsonNode line) {
        return "event".equals(line.path("type").asText()) ? line.path("args").path(0) : line.path("frame").path("data");
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        try {
            command(Map.of("cmd", "exit"));
        } catch (RuntimeException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
