package com.streambazaar.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.streambazaar.launcher.StandInService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The edge gives back every connection it takes to a service, whatever the client or the service does: the
 * defect was that refused WebSocket upgrades (and unread bodies, and clients that left) each kept one of the
 * 64 pooled connections to realtime-service until none was left and its routes hung through the edge.
 */
class EdgeConnectionReleaseTest {

    /** Short, so that the timeout cases finish quickly; everything that should answer does so in milliseconds. */
    private static final EdgeSettings IMPATIENT = new EdgeSettings(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), 8 * 1024, 16 * 1024);
    private static final String CHAT = "/api/sessions/s1/chat";

    private Vertx vertx;
    private StandInService realtime;
    private EdgeRouter edge;
    private int edgePort;
    private HttpClient client;
    private WebSocketClient webSockets;

    @BeforeEach
    void startEdgeInFrontOfRealtime() throws Exception {
        vertx = Vertx.vertx();
        realtime = StandInService.start(vertx, this::realtimeToday);
        edge = new EdgeRouter(Map.of(RouteTable.REALTIME, realtime.address()), IMPATIENT, CorsSettings.ANY_ORIGIN, line -> { });
        edgePort = edge.start("127.0.0.1", 0);
        client = vertx.createHttpClient();
        webSockets = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() {
        edge.close();
        await(vertx.close());
    }

    /**
     * Like realtime-service today: Socket.IO is not there (404, upgrades included), a large upload is refused
     * before it is read, and the rest answers at once, except two paths that never finish on purpose.
     */
    private void realtimeToday(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith("/socket.io")) {
            request.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end("{\"success\":false,\"error\":\"Not Found\",\"message\":\"Route GET /socket.io/ not found\"}");
        } else if (path.endsWith("/silent")) {
            // never answers
        } else if (path.endsWith("/stream")) {
            request.response().setChunked(true);
            long timer = vertx.setPeriodic(20, id -> request.response().write("tick\n"));
            request.response().closeHandler(v -> vertx.cancelTimer(timer));
        } else if (request.method() == HttpMethod.POST && Long.parseLong(request.headers().get("content-length") == null ? "0"
                : request.headers().get("content-length")) > 10_000) {
            request.response().setStatusCode(413).putHeader("content-type", "application/json")
                    .end("{\"success\":false,\"error\":\"Payload Too Large\",\"message\":\"Body too large\"}");
        } else {
            request.body().onSuccess(body -> request.response().putHeader("content-type", "application/json")
                    .end(new JsonObject().put("ok", true).put("received", body.length()).encode()));
        }
    }

    @Test
    void malformedRequestsAndRefusedUpgradesLeaveTheServicesRoutesAnswering() throws Exception {
        for (int i = 0; i < 75; i++) {
            abandonedUpload();
            brokenChunkedUpload();
            uploadAnsweredBeforeItWasRead();
            upgradeWithoutKey();
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(404, refusedUpgrade("/socket.io/?EIO=4&transport=websocket").getStatus());
        }
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            assertEquals(200, statusWithin(CHAT, 1_000));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1));
        }
        int open = realtime.awaitOpenConnections(n -> n <= 3, 3_000);
        assertTrue(open <= 3, "the edge still holds " + open + " connections to realtime");
    }

    @Test
    void aRefusedUpgradeGetsTheServicesAnswerAndItsConnectionIsClosed() throws Exception {
        UpgradeRejectedException refused = refusedUpgrade("/socket.io/?EIO=4&transport=websocket");
        assertEquals(404, refused.getStatus());
        assertEquals("application/json", refused.getHeaders().get("content-type"));
        assertEquals("Route GET /socket.io/ not found", new JsonObject(refused.getBody()).getString("message"));
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000));
    }

    @Test
    void anAnswerBeforeTheBodyWasReadClosesBothConnections() throws Exception {
        RawHttp.Answer answer = uploadAnsweredBeforeItWasRead();
        assertEquals(413, answer.status());
        assertEquals("Body too large", answer.json().getString("message"));
        assertEquals("close", answer.header("connection"));
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000));
        assertEquals(200, statusWithin(CHAT, 1_000));
    }

    @Test
    void aClientThatLeavesMidUploadOrMidAnswerFreesTheServicesConnection() throws Exception {
        abandonedUpload();
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000), "after an abandoned upload");

        try (Socket socket = new Socket("127.0.0.1", edgePort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /api/sessions/s1/chat/stream HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            assertTrue(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"));
            assertEquals(1, realtime.openConnections());
        }
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000), "after leaving a streamed answer");
    }

    @Test
    void aSilentServiceGetsAJsonGatewayTimeoutAndItsConnectionIsClosed() throws Exception {
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.get(edgePort, "/api/sessions/s1/chat/silent");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(504, answer.status());
        assertEquals(new JsonObject().put("success", false).put("error", "Gateway Timeout")
                .put("message", "realtime did not answer in time"), answer.json());
        assertTrue(millis >= 900 && millis < 3_000, millis + " ms");
        assertEquals(0, realtime.awaitOpenConnections(n -> n == 0, 2_000));
    }

    @Test
    void aWebSocketToADeadServiceGetsTheJsonBadGateway() throws Exception {
        try (EdgeRouter deadEnd = new EdgeRouter(Map.of(RouteTable.REALTIME, io.vertx.core.net.SocketAddress.inetSocketAddress(closedPort(), "127.0.0.1")),
                IMPATIENT, CorsSettings.ANY_ORIGIN, line -> { })) {
            int port = deadEnd.start("127.0.0.1", 0);
            UpgradeRejectedException refused = refusedUpgrade(port, "/ws");
            assertEquals(502, refused.getStatus());
            assertEquals(new JsonObject().put("success", false).put("error", "Bad Gateway").put("message", "realtime is not reachable"),
                    new JsonObject(refused.getBody()));
        }
    }

    /** Claims a 1000-byte body, sends 100 bytes of it and goes away. */
    private void abandonedUpload() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", edgePort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    + "x".repeat(100)).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** A chunked body whose second chunk size is not hexadecimal. */
    private void brokenChunkedUpload() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", edgePort)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // the edge closes the connection (nothing after a broken chunk can be trusted); just wait for that
            try {
                socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                // reset instead of closed: the same for this purpose
            }
        }
    }

    /** Announces a 1 MB body the service refuses at once (413), sends 16 KiB of it and reads the answer. */
    private RawHttp.Answer uploadAnsweredBeforeItWasRead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", edgePort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[16 * 1024]);
            out.flush();
            return RawHttp.read(socket.getInputStream());
        }
    }

    private void upgradeWithoutKey() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(edgePort, "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertEquals(400, answer.status());
        assertEquals("The WebSocket upgrade has no Sec-WebSocket-Key header", answer.json().getString("message"));
    }

    private UpgradeRejectedException refusedUpgrade(String uri) {
        return refusedUpgrade(edgePort, uri);
    }

    private UpgradeRejectedException refusedUpgrade(int port, String uri) {
        try {
            webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(UpgradeRejectedException.class, e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the upgrade neither succeeded nor was refused", e);
        }
        return fail("the upgrade of " + uri + " was accepted");
    }

    private int statusWithin(String uri, long millis) throws Exception {
        return client.request(HttpMethod.GET, edgePort, "127.0.0.1", uri)
                .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                .toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
