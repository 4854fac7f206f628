package com.streambazaar.bench.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.testkit.BazaarTestResources;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The realtime-service under load. Self-hosted (default): a Kafka broker and a fresh database of its own (as the
 * tests get them, bazaar-testkit), and the packaged service as a separate JVM whose CPU time is read from /proc.
 * External ({@code --url}, {@code --kafka}, {@code --pid}): a service that already runs.
 */
public final class BenchTarget implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Creates a live session the way a creator does (through session-service), for a stack's own read models. */
    public interface LiveSessions {
        UUID create() throws Exception;
    }

    final String host;
    final int port;
    final String kafka;
    final long pid;
    /** Every replica the clients spread over (client i goes to endpoint i % n); the first is host:port. */
    final List<URI> endpoints;
    final List<Long> pids;
    private final BazaarTestResources resources;
    private final Process process;
    private final KafkaProducer<String, String> producer;
    private final LiveSessions sessions;
    private final boolean ownsProducer;

    private BenchTarget(List<URI> endpoints, String kafka, List<Long> pids, BazaarTestResources resources,
                        Process process, LiveSessions sessions, KafkaProducer<String, String> producer) {
        this.endpoints = List.copyOf(endpoints);
        this.host = endpoints.get(0).getHost();
        this.port = endpoints.get(0).getPort();
        this.kafka = kafka;
        this.pids = List.copyOf(pids);
        this.pid = pids.isEmpty() ? -1 : pids.get(0);
        this.resources = resources;
        this.process = process;
        this.sessions = sessions;
        this.ownsProducer = producer == null;
        this.producer = producer != null ? producer : new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private BenchTarget(String host, int port, String kafka, long pid, BazaarTestResources resources, Process process) {
        this(List.of(URI.create("http://" + host + ":" + port)), kafka, pid > 0 ? List.of(pid) : List.of(), resources,
                process, null, null);
    }

    static BenchTarget external(String url, String kafka, long pid) {
        URI uri = URI.create(url);
        return new BenchTarget(uri.getHost(), uri.getPort(), kafka, pid, null, null);
    }

    /**
     * Replicas of a running stack: clients spread over {@code urls}, CPU summed over {@code pids}, rooms made by
     * {@code sessions} (real sessions, so no other service's read model sees a made-up one).
     */
    public static BenchTarget stack(List<String> urls, List<Long> pids, String kafka, LiveSessions sessions) {
        return new BenchTarget(urls.stream().map(URI::create).toList(), kafka, pids, null, null, sessions, null);
    }

    /** The same stack, other replicas (shares the producer; closing the copy leaves it open). */
    public BenchTarget onReplicas(List<String> urls, List<Long> replicaPids) {
        return new BenchTarget(urls.stream().map(URI::create).toList(), kafka, replicaPids, null, null, sessions,
                producer);
    }

    static BenchTarget selfHosted(Path runner, String serverOpts) throws Exception {
        if (!Files.exists(runner)) {
            throw new IllegalStateException(runner + " is missing: build it first (./mvnw -q -o -pl realtime-service package -DskipTests)");
        }
        BazaarTestResources resources = new BazaarTestResources();
        Map<String, String> config = resources.start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("bench-realtime-", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(serverOpts.trim().split("\\s+")));
        command.addAll(List.of("-Dvertx.disableURIValidation=true", "-jar", runner.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("BAZAAR_REPLICA_ID", "bench");
        env.put("BAZAAR_DB_HOST", config.get("bazaar.db.host"));
        env.put("BAZAAR_DB_PORT", config.get("bazaar.db.port"));
        env.put("BAZAAR_DB_NAME", config.get("bazaar.db.name"));
        env.put("BAZAAR_DB_USER", config.get("bazaar.db.user"));
        if (config.containsKey("bazaar.db.password")) {
            env.put("BAZAAR_DB_PASSWORD", config.get("bazaar.db.password"));
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.get("kafka.bootstrap.servers"));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", config.get("mp.jwt.verify.publickey.location"));
        env.put("QUARKUS_LOG_CATEGORY__COM_STREAMBAZAAR__LEVEL", "WARN");
        // every bench viewer is a guest from 127.0.0.1: the per-address guest chat limit would refuse all but 2
        // messages/s (the bench stack lifts it the same way, LocalStack)
        env.put("BAZAAR_REALTIME_GUEST_CHAT_PER_ADDRESS_BURST", "1000000");
        env.put("BAZAAR_REALTIME_GUEST_CHAT_PER_ADDRESS_PER_SECOND", "1000000");
        for (String setting : System.getProperty("bench.server-env", "").split(",")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                env.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
        }
        Process process = builder.start();
        // an interrupted bench must not leave the service running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        System.out.println("realtime-service (pid " + process.pid() + ") on port " + port + ", log " + log);
        BenchTarget target = new BenchTarget("127.0.0.1", port, config.get("kafka.bootstrap.servers"), process.pid(),
                resources, process);
        target.awaitReady();
        return target;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("realtime-service exited during start-up (see its log)");
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("realtime-service was not ready within 120 s");
    }

    int status(String path) {
        return status(endpoints.get(0), path);
    }

    static int status(URI endpoint, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + endpoint.getHost() + ":"
                    + endpoint.getPort() + path).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            int code = connection.getResponseCode();
            connection.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    /** A live session, published as session-service would, and awaited until the service knows it. */
    UUID liveSession(long creatorId) throws Exception {
        if (sessions != null) {
            UUID id = sessions.create();
            awaitKnown(id);
            return id;
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id.toString());
        state.put("title", "Bench show");
        state.put("description", null);
        state.put("category", null);
        state.put("tags", List.of());
        state.put("status", "live");
        state.put("agoraChannelName", "session-" + id);
        state.put("scheduledAt", null);
        state.put("startedAt", now.toString());
        state.put("endedAt", null);
        state.put("creatorId", creatorId);
        state.put("creatorUsername", "bench");
        state.put("activeProductId", null);
        state.put("activeProduct", null);
        state.put("productIds", List.of());
        state.put("createdAt", now.toString());
        state.put("updatedAt", now.toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", "session.started");
        envelope.put("version", 1);
        envelope.put("occurredAt", now.toString());
        envelope.put("source", "session-service");
        envelope.put("key", id.toString());
        envelope.put("data", state);
        producer.send(new ProducerRecord<>("bazaar.sessions.v1", id.toString(), MAPPER.writeValueAsString(envelope))).get();
        awaitKnown(id);
        return id;
    }

    /** Until every replica knows the session (its room projection read the event). */
    private void awaitKnown(UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (URI endpoint : endpoints) {
            while (status(endpoint, "/api/sessions/" + id + "/chat/count") != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not learn session " + id);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The service's CPU time so far (user + system), in microseconds, or -1 when unknown. */
    long cpuMicros() {
        if (pids.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (long one : pids) {
            long micros = com.streambazaar.bench.core.Proc.cpuMicros(one);
            if (micros < 0) {
                return -1;
            }
            sum += micros;
        }
        return sum;
    }

    @Override
    public void close() {
        if (!ownsProducer) {
            return; // a copy for other replicas: the original owns the producer
        }
        producer.close();
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        if (resources != null) {
            resources.stop();
        }
    }
}
