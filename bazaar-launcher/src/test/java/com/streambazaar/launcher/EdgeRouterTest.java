package com.streambazaar.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge in front of tiny stand-in services: "session" and "auth" echo what they received, "realtime"
 * echoes WebSocket frames and answers long-polling, and "catalog" points at a port nobody listens on.
 */
class EdgeRouterTest {

    private static Vertx vertx;
    private static HttpClient client;
    private static EdgeRouter edge;
    private static int edgePort;
    private static final List<String> accessLog = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startEdgeInFrontOfStandIns() throws Exception {
        vertx = Vertx.vertx();
        int session = await(echoServer("session").listen(0, "127.0.0.1")).actualPort();
        int auth = await(echoServer("auth").listen(0, "127.0.0.1")).actualPort();
        int realtime = await(realtimeServer().listen(0, "127.0.0.1")).actualPort();
        int catalog = closedPort();

        edge = new EdgeRouter(Map.of(
                "session", SocketAddress.inetSocketAddress(session, "127.0.0.1"),
                "auth", SocketAddress.inetSocketAddress(auth, "127.0.0.1"),
                "realtime", SocketAddress.inetSocketAddress(realtime, "127.0.0.1"),
                "catalog", SocketAddress.inetSocketAddress(catalog, "127.0.0.1")),
                EdgeSettings.DEFAULTS, CorsSettings.ANY_ORIGIN, accessLog::add);
        edgePort = edge.start("127.0.0.1", 0);
        client = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() {
        edge.close();
        await(vertx.close());
    }

    @Test
    void proxiesByTheRouteTableWithForwardedHeaders() {
        JsonObject echoed = getJson(HttpMethod.GET, "/api/sessions/abc/products?page=2", 200);
        assertEquals("session", echoed.getString("service"));
        assertEquals("/api/sessions/abc/products?page=2", echoed.getString("uri"));
        assertEquals("127.0.0.1", echoed.getString("xForwardedFor"));
        assertEquals("http", echoed.getString("xForwardedProto"));
        assertEquals("127.0.0.1:" + edgePort, echoed.getString("xForwardedHost"));
        assertEquals(36, echoed.getString("xRequestId").length(), "a request without an id gets one: " + echoed);
        assertNotEquals(echoed.getString("xRequestId"), getJson(HttpMethod.GET, "/api/sessions/abc", 200).getString("xRequestId"));

        assertEquals("auth", getJson(HttpMethod.GET, "/.well-known/jwks.json", 200).getString("service"));
        assertTrue(accessLog.stream().anyMatch(line -> line.contains("GET /.well-known/jwks.json -> auth 200")), accessLog.toString());
    }

    @Test
    void setsTheForwardedHeadersItselfWhateverTheClientSent() {
        Answer answer = await(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(edgePort)
                        .setURI("/api/sessions/abc")
                        .putHeader("X-Forwarded-For", "1.2.3.4")
                        .addHeader("X-Forwarded-For", "5.6.7.8")
                        .putHeader("X-Forwarded-Proto", "https")
                        .putHeader("X-Forwarded-Host", "bank.example")
                        .putHeader("X-Forwarded-Port", "443")
                        .putHeader("Forwarded", "for=1.2.3.4;proto=https")
                        .putHeader("X-Real-IP", "1.2.3.4")
                        .putHeader("X-Request-Id", "checkout-7f3a"))
                .compose(request -> request.send().compose(Answer::read)));
        JsonObject echoed = answer.body().toJsonObject();
        assertEquals("checkout-7f3a", echoed.getString("xRequestId"), "the client's request id travels on");
        assertEquals("127.0.0.1", echoed.getString("xForwardedFor"));
        assertEquals("http", echoed.getString("xForwardedProto"));
        assertEquals("127.0.0.1:" + edgePort, echoed.getString("xForwardedHost"));
        assertNull(echoed.getString("xForwardedPort"));
        assertNull(echoed.getString("forwarded"));
        assertNull(echoed.getString("xRealIp"));

        WebSocket socket = await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(edgePort).setURI("/ws").addHeader("X-Forwarded-For", "1.2.3.4")));
        CompletableFuture<String> seen = new CompletableFuture<>();
        socket.textMessageHandler(seen::complete);
        await(socket.writeTextMessage("who am i?"));
        assertEquals("X-Forwarded-For: 127.0.0.1", join(seen));
        await(socket.close());
    }

    @Test
    void streamsRequestBodiesToTheService() {
        Answer answer = await(client.request(HttpMethod.POST, edgePort, "127.0.0.1", "/api/auth/login")
                .compose(request -> request.putHeader("content-type", "application/json")
                        .send("{\"username\":\"ada\"}").compose(Answer::read)));
        JsonObject echoed = answer.body().toJsonObject();
        assertEquals(200, answer.status());
        assertEquals("POST", echoed.getString("method"));
        assertEquals("{\"username\":\"ada\"}", echoed.getString("body"));
    }

    @Test
    void relaysTheServicesContinueBeforeTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edgePort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttp.Answer goOn = RawHttp.read(socket.getInputStream());
            assertEquals(100, goOn.status());
            out.write("{}".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertEquals(200, answer.status());
            assertEquals("{}", answer.json().getString("body"));
        }
    }

    @Test
    void rewritesOpenApiDocumentUrls() {
        JsonObject echoed = getJson(HttpMethod.GET, "/docs/auth/openapi?format=json", 200);
        assertEquals("auth", echoed.getString("service"));
        assertEquals("/q/openapi?format=json", echoed.getString("uri"));
    }

    @Test
    void passesWebSocketUpgradesThroughAndEchoes() {
        WebSocket socket = await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(edgePort).setURI("/ws?token=abc")));
        CompletableFuture<String> echo = new CompletableFuture<>();
        socket.textMessageHandler(echo::complete);
        await(socket.writeTextMessage("{\"event\":\"join-session\",\"data\":\"s1\"}"));
        assertEquals("echo /ws?token=abc {\"event\":\"join-session\",\"data\":\"s1\"}", join(echo));
        await(socket.close());
        assertEquals(1, accessLog.stream().filter(line -> line.contains("GET /ws?token=abc -> realtime 101")).count(), accessLog.toString());
    }

    @Test
    void passesSocketIoLongPollingAndUpgrades() {
        Buffer polled = await(client.request(HttpMethod.GET, edgePort, "127.0.0.1", "/socket.io/?EIO=4&transport=polling")
                .compose(request -> request.send().compose(HttpClientResponse::body)));
        assertEquals("0{\"sid\":\"polling\"}", polled.toString());

        WebSocket socket = await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(edgePort).setURI("/socket.io/?EIO=4&transport=websocket")));
        CompletableFuture<String> echo = new CompletableFuture<>();
        socket.textMessageHandler(echo::complete);
        await(socket.writeTextMessage("2probe"));
        assertEquals("echo /socket.io/?EIO=4&transport=websocket 2probe", join(echo));
        await(socket.close());
    }

    @Test
    void answersHealthItself() {
        JsonObject health = getJson(HttpMethod.GET, "/health", 200);
        assertEquals("ok", health.getString("status"));
        assertEquals("Stream Bazaar edge is running", health.getString("message"));
        assertEquals("local", health.getString("environment"));
        String timestamp = health.getString("timestamp");
        assertTrue(timestamp.endsWith("Z"), timestamp);
        assertFalse(Instant.parse(timestamp).isAfter(Instant.now()));
        assertEquals(List.of("status", "message", "timestamp", "environment"), List.copyOf(health.fieldNames()));
    }

    @Test
    void answersUnknownRoutesWithTheSeedSystemsNotFoundShape() {
        assertEquals(new JsonObject().put("success", false).put("error", "Not Found").put("message", "Route GET /x not found"),
                getJson(HttpMethod.GET, "/x", 404));
        assertEquals("Route DELETE /api/nothing not found", getJson(HttpMethod.DELETE, "/api/nothing?y=1", 404).getString("message"));
    }

    @Test
    void answersBadGatewayWhenTheServiceIsDown() {
        assertEquals(new JsonObject().put("success", false).put("error", "Bad Gateway").put("message", "catalog is not reachable"),
                getJson(HttpMethod.GET, "/api/products", 502));
        // a body on the way in must not confuse the 502 path
        Answer answer = await(client.request(HttpMethod.POST, edgePort, "127.0.0.1", "/api/products")
                .compose(request -> request.send("{\"name\":\"x\"}").compose(Answer::read)));
        assertEquals(502, answer.status());
        assertEquals("catalog is not reachable", answer.body().toJsonObject().getString("message"));
    }

    /** A service that answers with what it received, so the test can see what the edge forwarded. */
    private static HttpServer echoServer(String service) {
        // like Quarkus, the stand-ins say "100 Continue" to a client that asks before sending its body
        return vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true)).requestHandler(request -> request.body().onSuccess(body -> request.response()
                .putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put("service", service)
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("body", body.toString())
                        .put("xForwardedFor", request.getHeader("X-Forwarded-For"))
                        .put("xForwardedProto", request.getHeader("X-Forwarded-Proto"))
                        .put("xRequestId", request.getHeader("X-Request-Id"))
                        .put("xForwardedHost", request.getHeader("X-Forwarded-Host"))
                        .put("forwarded", request.getHeader("Forwarded"))
                        .put("xRealIp", request.getHeader("X-Real-IP"))
                        .put("xForwardedPort", request.getHeader("X-Forwarded-Port"))
                        .put("host", request.getHeader("Host"))
                        .encode())));
    }

    /** WebSocket echo on /ws and /socket.io/, and an Engine.IO-like polling answer for plain GETs. */
    private static HttpServer realtimeServer() {
        return vertx.createHttpServer()
                .webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage(text.equals("who am i?")
                        ? "X-Forwarded-For: " + String.join(", ", socket.headers().getAll("X-Forwarded-For"))
                        : "echo " + socket.uri() + " " + text)))
                .requestHandler(request -> request.response().end("0{\"sid\":\"polling\"}"));
    }

    private static JsonObject getJson(HttpMethod method, String uri, int expectedStatus) {
        Answer answer = await(client.request(new RequestOptions()
                        .setMethod(method).setHost("127.0.0.1").setPort(edgePort).setURI(uri))
                .compose(request -> request.send().compose(Answer::read)));
        assertEquals(expectedStatus, answer.status(), answer.body().toString());
        assertNotNull(answer.contentType());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        return answer.body().toJsonObject();
    }

    /**
     * A response read to the end on the event loop: Vert.x drops body chunks that arrive before a handler
     * is set, so the body must be asked for in the same callback that delivers the response. Hence
     * {@code request.send().compose(Answer::read)} inside the request's callback: chained from the test
     * thread instead, the callback may run on the test thread after the body went by.
     */
    private record Answer(int status, String contentType, Buffer body) {
        static Future<Answer> read(HttpClientResponse response) {
            return response.body().map(body -> new Answer(response.statusCode(), response.getHeader("content-type"), body));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T await(Future<T> future) {
        return join(future.toCompletionStage().toCompletableFuture());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
