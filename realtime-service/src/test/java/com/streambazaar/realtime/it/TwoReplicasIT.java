package com.streambazaar.realtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.testkit.NodeClient;
import com.streambazaar.realtime.support.Rooms;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestTokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.testkit.NodeClient.isEvent;
import static com.streambazaar.testkit.NodeClient.isType;
import static com.streambazaar.testkit.NodeClient.payload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two realtime-service processes (the packaged application) on one database and one broker: a message sent on one
 * replica reaches clients of the other, both count the same viewers, and a replica killed with SIGKILL drops out of
 * the other's count within seconds.
 */
class TwoReplicasIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static BazaarTestResources resources;
    static final List<Process> processes = new ArrayList<>();
    static Replica a;
    static Replica b;

    record Replica(String id, int port, Process process) {
        String http() {
            return "http://127.0.0.1:" + port;
        }

        String ws() {
            return "ws://127.0.0.1:" + port + "/ws";
        }
    }

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        resources = new BazaarTestResources();
        Map<String, String> config = resources.start();
        a = start("it-a", config);
        b = start("it-b", config);
        for (Replica replica : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(replica.process().isAlive()).as("replica " + replica.id() + " exited").isTrue();
                try {
                    // ready (database) and well (every fan-out consumer has its partitions)
                    return given().baseUri(replica.http()).get("/q/health/ready").statusCode() == 200
                            && given().baseUri(replica.http()).get("/q/health/well").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    static Replica start(String id, Map<String, String> config) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("realtime-" + id + "-", ".log");
        String runner = System.getProperty("bazaar.realtime.runner", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dvertx.disableURIValidation=true", "-jar", runner)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("BAZAAR_REPLICA_ID", id);
        env.put("BAZAAR_DB_HOST", config.get("bazaar.db.host"));
        env.put("BAZAAR_DB_PORT", config.get("bazaar.db.port"));
        env.put("BAZAAR_DB_NAME", config.get("bazaar.db.name"));
        env.put("BAZAAR_DB_USER", config.get("bazaar.db.user"));
        if (config.containsKey("bazaar.db.password")) {
            env.put("BAZAAR_DB_PASSWORD", config.get("bazaar.db.password"));
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.get("kafka.bootstrap.servers"));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", config.get("mp.jwt.verify.publickey.location"));
        env.put("BAZAAR_REALTIME_HEARTBEAT_INTERVAL", "1s");
        env.put("BAZAAR_REALTIME_HEARTBEAT_FRESHNESS", "3s");
        Process process = builder.start();
        processes.add(process);
        System.out.println("replica " + id + " on port " + port + ", log " + log);
        return new Replica(id, port, process);
    }

    @AfterAll
    static void stopEverything() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
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

    static void awaitKnown(Replica replica, UUID session) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                given().baseUri(replica.http()).get("/api/sessions/" + session + "/chat/count").statusCode() == 200);
    }

    @Test
    void messagesCrossReplicasCountsAgreeAndHealWhenAReplicaDies() {
        RestAssured.reset();
        UUID session = UUID.randomUUID();
        Rooms.publish(com.streambazaar.common.event.contract.SessionState.STARTED, Rooms.state(session, 500,
                "live", List.of(), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        awaitKnown(a, session);
        awaitKnown(b, session);

        try (NodeClient onA = NodeClient.ws(a.ws() + "?token=" + TestTokens.viewer(501, "ana"), Map.of(), List.of());
             NodeClient onB = NodeClient.socketIo(b.http(), Map.of("transports", List.of("websocket")));
             NodeClient alsoOnB = NodeClient.socketIo(b.http(), Map.of())) {
            assertThat(payload(onA.await(isEvent("connected"), WAIT)).path("replicaId").asText()).isEqualTo("it-a");
            assertThat(onB.await(isType("connect"), WAIT).path("id").asText()).startsWith("it-b.");
            alsoOnB.await(isType("connect"), WAIT);
            onA.sendFrame(Map.of("event", "join-session", "data", session.toString()));
            onB.emit("join-session", Map.of("sessionId", session.toString()), null);
            alsoOnB.emit("join-session", Map.of("sessionId", session.toString(), "deviceId", "tab-2"), null);

            // counts agree: 1 viewer on A + 2 on B, seen by clients of both replicas
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(lastCount(onA)).isEqualTo(3);
                assertThat(lastCount(onB)).isEqualTo(3);
                assertThat(lastCount(alsoOnB)).isEqualTo(3);
            });

            // a message sent on A (socket) reaches B's clients; one sent on B (REST) reaches A's
            onA.sendFrame(Map.of("event", "send-message", "data", Map.of("sessionId", session.toString(), "message", "from A")));
            JsonNode fromA = payload(onB.await(line -> isEvent("new-message").test(line)
                    && "from A".equals(payload(line).path("message").asText()), WAIT));
            assertThat(fromA.path("userName").asText()).isEqualTo("ana");
            alsoOnB.await(line -> isEvent("new-message").test(line) && "from A".equals(payload(line).path("message").asText()), WAIT);
            given().baseUri(b.http()).header("Authorization", "Bearer " + TestTokens.viewer(502, "ben"))
                    .contentType("application/json").body(Map.of("message", "from B"))
                    .post("/api/sessions/" + session + "/chat").then().statusCode(201);
            onA.await(line -> isEvent("new-message").test(line) && "from B".equals(payload(line).path("message").asText()), WAIT);
            // each client got each message once
            assertThat(onB.events("new-message")).hasSize(2);
            assertThat(onA.events("new-message")).hasSize(2);

            // B dies without a word: A's count heals within seconds
            long killedAt = System.nanoTime();
            b.process().destroyForcibly();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(lastCount(onA)).isEqualTo(1));
            double healedSeconds = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf("viewer count on A healed %.1f s after B was killed%n", healedSeconds);
            assertThat(healedSeconds).isLessThan(10);
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static int lastCount(NodeClient client) {
        List<JsonNode> counts = client.events("viewer-count");
        return counts.isEmpty() ? -1 : payload(counts.get(counts.size() - 1)).asInt();
    }

}
