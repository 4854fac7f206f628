package com.streambazaar.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.streambazaar.launcher.StandInService.await;
import static com.streambazaar.launcher.StandInService.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge in front of three realtime replicas (stand-ins that say which replica they are): Engine.IO requests go
 * to the replica their {@code sid} names, everything else round-robins, a replica that stops accepting connections
 * is skipped (and taken back once it accepts again), and only when none accepts does the client get a 502.
 */
class EdgeReplicasTest {

    private static final String CHAT = "/api/sessions/s1/chat";
    private static final String POLLING = "/socket.io/?EIO=4&transport=polling";
    private static final EdgeSettings QUICK = new EdgeSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1), 8 * 1024, 16 * 1024);

    private Vertx vertx;
    private final Map<String, StandInService> replicas = new HashMap<>();
    private final List<String> edgeLog = new CopyOnWriteArrayList<>();
    private EdgeRouter edge;
    private int edgePort;
    private HttpClient client;
    private WebSocketClient webSockets;

    @BeforeEach
    void startEdgeInFrontOfThreeReplicas() throws Exception {
        vertx = Vertx.vertx();
        List<Upstream.Replica> members = new ArrayList<>();
        for (String id : List.of("realtime-1", "realtime-2", "realtime-3")) {
            StandInService replica = StandInService.start(vertx, request -> answerAs(id, request));
            replicas.put(id, replica);
            members.add(new Upstream.Replica(id, replica.address()));
        }
        edge = EdgeRouter.withReplicas(Map.of(RouteTable.REALTIME, members), QUICK, CorsSettings.ANY_ORIGIN, edgeLog::add);
        edgePort = edge.start("127.0.0.1", 0);
        // a fresh connection per request, so that a replica going away is seen by the next request, not a pooled one
        client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
        webSockets = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() {
        edge.close();
        await(vertx.close());
    }

    /** Says which replica answered, what it got, and for an upgrade, says it on the socket. */
    private static void answerAs(String id, HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            request.toWebSocket().onSuccess(socket -> socket.writeTextMessage(id + " " + socket.uri()));
            return;
        }
        request.body().onSuccess(body -> request.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("replica", id).put("method", request.method().name()).put("uri", request.uri())
                        .put("body", body.toString()).encode()));
    }

    @Test
    void longPollingGoesToTheReplicaThatIssuedTheSid() {
        for (String id : List.of("realtime-2", "realtime-3", "realtime-1", "realtime-2")) {
            String sid = id + ".Zm9vYmFyYmF6cXV4";
            for (int i = 0; i < 4; i++) {
                assertEquals(id, get(POLLING + "&sid=" + sid).getString("replica"));
            }
            // the sid need not come first in the query
            assertEquals(id, get("/socket.io/?sid=" + sid + "&EIO=4&transport=polling").getString("replica"));
            JsonObject sent = send(HttpMethod.POST, POLLING + "&sid=" + sid, "40{\"token\":\"t\"}");
            assertEquals(id, sent.getString("replica"));
            assertEquals("40{\"token\":\"t\"}", sent.getString("body"));
        }
    }

    @Test
    void theUpgradeFromPollingGoesToTheReplicaThatIssuedTheSid() {
        for (String id : List.of("realtime-3", "realtime-1", "realtime-2", "realtime-3")) {
            String uri = "/socket.io/?EIO=4&transport=websocket&sid=" + id + ".Zm9vYmFyYmF6cXV4";
            assertEquals(id + " " + uri, firstMessage(uri));
        }
        assertTrue(edgeLog.stream().anyMatch(line -> line.contains("GET /socket.io/?EIO=4&transport=websocket&sid=realtime-2.")
                && line.contains("-> realtime-2 101")), edgeLog.toString());
    }

    @Test
    void everythingElseRoundRobinsOverTheReplicas() {
        Map<String, Integer> chat = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            chat.merge(get(CHAT).getString("replica"), 1, Integer::sum);
        }
        assertEquals(Map.of("realtime-1", 3, "realtime-2", 3, "realtime-3", 3), chat);

        List<String> handshakes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            handshakes.add(get(POLLING).getString("replica"));
        }
        assertEquals(3, handshakes.stream().distinct().count(), handshakes.toString());

        List<String> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sockets.add(firstMessage("/ws?token=abc").split(" ")[0]);
        }
        assertEquals(3, sockets.stream().distinct().count(), sockets.toString());
    }

    @Test
    void aSidNamingNoKnownReplicaGoesToALiveOne() {
        for (String sid : List.of("realtime-9.Zm9v", "Zm9vYmFy", "", ".Zm9v")) {
            assertTrue(get(POLLING + "&sid=" + sid).getString("replica").startsWith("realtime-"));
        }
    }

    @Test
    void aReplicaThatDiesIsSkippedAndTakenBackWhenItAcceptsAgain() throws Exception {
        int port = replicas.get("realtime-2").address().port();
        replicas.get("realtime-2").close();
        // what a killed process leaves: its port refuses connections; the edge sees its pooled ones close a moment later
        assertEquals(0, replicas.get("realtime-2").awaitOpenConnections(n -> n == 0, 2_000));
        Thread.sleep(100);

        // not one request fails: each one that reaches the dead replica first is handed to the next
        Map<String, Integer> answered = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            answered.merge(get(CHAT).getString("replica"), 1, Integer::sum);
        }
        assertEquals(List.of("realtime-1", "realtime-3"), answered.keySet().stream().sorted().toList());
        assertTrue(answered.values().stream().allMatch(n -> n >= 5), answered.toString());
        // a request with a body too: it was not sent to the dead one, so it arrives whole at another
        assertNotEquals("realtime-2", send(HttpMethod.POST, CHAT, "{\"message\":\"hi\"}").getString("replica"));
        assertEquals("{\"message\":\"hi\"}", send(HttpMethod.POST, CHAT, "{\"message\":\"hi\"}").getString("body"));
        // its Engine.IO sessions are gone: a live replica answers (with "Session ID unknown", for the client to start over)
        assertNotEquals("realtime-2", get(POLLING + "&sid=realtime-2.Zm9vYmFy").getString("replica"));
        for (int i = 0; i < 3; i++) {
            assertNotEquals("realtime-2", firstMessage("/ws").split(" ")[0]);
        }
        assertEquals(1, edgeLog.stream().filter(line -> line.contains("realtime-2 (") && line.contains("refused a connection")).count(),
                edgeLog.toString());

        // it comes back on its port: within a probe or two it gets its share again
        replicas.put("realtime-2", StandInService.start(vertx, port, request -> answerAs("realtime-2", request)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        boolean back = false;
        while (!back && System.nanoTime() < deadline) {
            back = get(CHAT).getString("replica").equals("realtime-2");
        }
        assertTrue(back, "realtime-2 got no request within 3 s of accepting connections again: " + edgeLog);
        assertEquals("realtime-2", get(POLLING + "&sid=realtime-2.Zm9vYmFy").getString("replica"));
        assertTrue(edgeLog.stream().anyMatch(line -> line.contains("realtime-2 (") && line.contains("back in the rotation")), edgeLog.toString());
    }

    @Test
    void answersBadGatewayOnlyWhenNoReplicaAcceptsAConnection() throws Exception {
        List<Upstream.Replica> dead = List.of(
                new Upstream.Replica("realtime-1", SocketAddress.inetSocketAddress(closedPort(), "127.0.0.1")),
                new Upstream.Replica("realtime-2", SocketAddress.inetSocketAddress(closedPort(), "127.0.0.1")));
        try (EdgeRouter deadEnd = EdgeRouter.withReplicas(Map.of(RouteTable.REALTIME, dead), QUICK, CorsSettings.ANY_ORIGIN, line -> { })) {
            int port = deadEnd.start("127.0.0.1", 0);
            JsonObject notReachable = new JsonObject().put("success", false).put("error", "Bad Gateway").put("message", "realtime is not reachable");
            for (String uri : List.of(CHAT, POLLING, POLLING + "&sid=realtime-1.Zm9v")) {
                Answer answer = exchange(port, HttpMethod.GET, uri, null);
                assertEquals(502, answer.status(), uri);
                assertEquals(notReachable, answer.body().toJsonObject());
            }
            Answer post = exchange(port, HttpMethod.POST, CHAT, "{\"message\":\"hi\"}");
            assertEquals(502, post.status());
            assertEquals(notReachable, post.body().toJsonObject());

            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
                            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            UpgradeRejectedException refused = assertInstanceOf(UpgradeRejectedException.class, failed.getCause());
            assertEquals(502, refused.getStatus());
            assertEquals(notReachable, new JsonObject(refused.getBody()));
        }
    }

    @Test
    void readsTheReplicaFromTheSidParameterOnly() {
        assertEquals("realtime-2", Upstream.sidReplica("EIO=4&transport=polling&sid=realtime-2.abc_-DEF"));
        assertEquals("realtime-10", Upstream.sidReplica("sid=realtime-10.x&EIO=4"));
        assertEquals(null, Upstream.sidReplica("EIO=4&transport=polling"));
        assertEquals(null, Upstream.sidReplica("xsid=realtime-2.abc"));
        assertEquals(null, Upstream.sidReplica("sid=nodot&t=a.b"));
        assertEquals(null, Upstream.sidReplica(null));
    }

    private JsonObject get(String uri) {
        return send(HttpMethod.GET, uri, null);
    }

    private JsonObject send(HttpMethod method, String uri, String body) {
        Answer answer = exchange(edgePort, method, uri, body);
        assertEquals(200, answer.status(), uri + ": " + answer.body());
        return answer.body().toJsonObject();
    }

    private Answer exchange(int port, HttpMethod method, String uri, String body) {
        return await(client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri))
                .compose(request -> (body == null ? request.send() : request.send(body)).compose(Answer::read)));
    }

    /** Connects through the edge and returns the first text frame (the replica says who it is), then closes. */
    private String firstMessage(String uri) {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = await(webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(edgePort).setURI(uri))
                .onSuccess(connected -> connected.textMessageHandler(first::complete)));
        String message = join(first);
        await(socket.close());
        return message;
    }

    /** See EdgeRouterTest: the body is asked for in the callback that delivers the response. */
    private record Answer(int status, Buffer body) {
        static Future<Answer> read(HttpClientResponse response) {
            return response.body().map(body -> new Answer(response.statusCode(), body));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
