package com.streambazaar.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.streambazaar.launcher.StandInService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A browser app on another origin must be able to read the edge's own answers, not only the services' ones:
 * without CORS headers a 404, 502 or 504 from the edge is just a network error to it.
 */
class EdgeCorsTest {

    private static final String SHOP = "https://shop.example";
    private static final String ORIGIN = "Origin: " + SHOP;

    private static Vertx vertx;
    private static StandInService session;
    private static EdgeRouter edge;
    private static int edgePort;
    private static EdgeRouter openEdge;
    private static int openEdgePort;

    @BeforeAll
    static void startEdges() throws Exception {
        vertx = Vertx.vertx();
        // answers preflights itself, as the services do, and never answers /silent
        session = StandInService.start(vertx, request -> {
            if (request.path().endsWith("/silent")) {
                return;
            }
            request.response().putHeader("X-Answered-By", "session").putHeader("content-type", "application/json").end("{}");
        });
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, SocketAddress> origins = Map.of(RouteTable.SESSION, session.address(),
                RouteTable.CATALOG, SocketAddress.inetSocketAddress(closed, "127.0.0.1"));
        EdgeSettings quick = new EdgeSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 8 * 1024, 16 * 1024);
        edge = new EdgeRouter(origins, quick, new CorsSettings(List.of(SHOP, "http://localhost:5173"), true), line -> { });
        edgePort = edge.start("127.0.0.1", 0);
        openEdge = new EdgeRouter(origins, quick, new CorsSettings(List.of(), false), line -> { });
        openEdgePort = openEdge.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        edge.close();
        openEdge.close();
        await(vertx.close());
    }

    @Test
    void theEdgesOwnAnswersCarryCorsHeadersForAnAllowedOrigin() throws IOException {
        assertAllowed(RawHttp.get(edgePort, "/health", ORIGIN), 200);
        assertAllowed(RawHttp.get(edgePort, "/nowhere", ORIGIN), 404);
        assertAllowed(RawHttp.get(edgePort, "/api/products/%zz", ORIGIN), 400);
        assertAllowed(RawHttp.get(edgePort, "/api/products?q=" + "a".repeat(9_000), ORIGIN), 414);
        assertAllowed(RawHttp.get(edgePort, "/api/products", ORIGIN, "X-Big: " + "b".repeat(20_000)), 431);
        assertAllowed(RawHttp.get(edgePort, "/api/products", ORIGIN), 502);
        assertAllowed(RawHttp.get(edgePort, "/api/sessions/silent", ORIGIN), 504);
    }

    @Test
    void aDisallowedOriginGetsNoCorsHeaders() throws IOException {
        RawHttp.Answer answer = RawHttp.get(edgePort, "/nowhere", "Origin: https://evil.example");
        assertEquals(404, answer.status());
        assertNull(answer.header("access-control-allow-origin"));
        assertNull(answer.header("access-control-allow-credentials"));
        assertEquals("Origin", answer.header("vary"));

        RawHttp.Answer preflight = preflight(edgePort, "/nowhere", "https://evil.example");
        assertEquals(204, preflight.status());
        assertNull(preflight.header("access-control-allow-origin"));
        assertNull(preflight.header("access-control-allow-methods"));
    }

    @Test
    void answersPreflightsForThePathsItAnswersItself() throws IOException {
        for (String path : List.of("/health", "/nowhere")) {
            RawHttp.Answer answer = preflight(edgePort, path, SHOP);
            assertEquals(204, answer.status(), path);
            assertEquals(SHOP, answer.header("access-control-allow-origin"));
            assertEquals("true", answer.header("access-control-allow-credentials"));
            assertEquals("GET,POST,PUT,PATCH,DELETE,OPTIONS", answer.header("access-control-allow-methods"));
            assertEquals("authorization, content-type", answer.header("access-control-allow-headers"));
            assertEquals("600", answer.header("access-control-max-age"));
        }
    }

    @Test
    void forwardsPreflightsForRoutedPathsToTheService() throws IOException {
        RawHttp.Answer answer = preflight(edgePort, "/api/sessions", SHOP);
        assertEquals(200, answer.status());
        assertEquals("session", answer.header("x-answered-by"));
        // the service's CORS headers, not the edge's: the service knows its own methods and headers
        assertNull(answer.header("access-control-allow-methods"));
        assertEquals("/api/sessions", session.receivedUris().get(session.receivedUris().size() - 1));
    }

    @Test
    void withoutAListAnyOriginIsEchoedNeverAStar() throws IOException {
        RawHttp.Answer answer = RawHttp.get(openEdgePort, "/health", "Origin: http://anything.example:8080");
        assertEquals("http://anything.example:8080", answer.header("access-control-allow-origin"));
        // BAZAAR_CORS_CREDENTIALS=false
        assertNull(answer.header("access-control-allow-credentials"));
        assertEquals("Retry-After, Location", answer.header("access-control-expose-headers"));
        // the opaque origin of sandboxed frames and files is not "any origin"
        assertNull(RawHttp.get(openEdgePort, "/health", "Origin: null").header("access-control-allow-origin"));
        assertNull(RawHttp.get(openEdgePort, "/health").header("access-control-allow-origin"));
    }

    private static void assertAllowed(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(SHOP, answer.header("access-control-allow-origin"), "status " + status);
        assertEquals("true", answer.header("access-control-allow-credentials"));
        assertEquals("Retry-After, Location", answer.header("access-control-expose-headers"));
        assertEquals("Origin", answer.header("vary"));
    }

    private static RawHttp.Answer preflight(int port, String path, String origin) throws IOException {
        return RawHttp.exchange(port, "OPTIONS " + path + " HTTP/1.1\r\nHost: x\r\nOrigin: " + origin + "\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n"
                + "Connection: close\r\n\r\n");
    }
}
