package com.streambazaar.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.streambazaar.launcher.StandInService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the edge lets through, sent byte for byte over a socket (an HTTP client library would normalise the
 * path before the edge ever saw it): internal endpoints stay unreachable however the path is spelled, services
 * get the normalised path, and whatever the edge refuses is answered in JSON with a message.
 */
class EdgeRequestCheckTest {

    private static Vertx vertx;
    private static final Map<String, StandInService> services = new LinkedHashMap<>();
    private static EdgeRouter edge;
    private static int edgePort;

    @BeforeAll
    static void startEdgeInFrontOfEveryService() throws Exception {
        vertx = Vertx.vertx();
        Map<String, SocketAddress> origins = new LinkedHashMap<>();
        for (String service : RouteTable.SERVICES) {
            StandInService standIn = StandInService.start(vertx, request -> request.body().onSuccess(body -> request.response()
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("service", service).put("uri", request.uri()).encode())));
            services.put(service, standIn);
            origins.put(service, standIn.address());
        }
        edge = new EdgeRouter(origins, EdgeSettings.DEFAULTS, CorsSettings.ANY_ORIGIN, line -> { });
        edgePort = edge.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        edge.close();
        await(vertx.close());
    }

    @BeforeEach
    void forgetEarlierRequests() {
        services.values().forEach(service -> service.receivedUris().clear());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/products/../../q/metrics", "/api/products/%2e%2e/%2e%2e/q/health", "/api/products/%2E%2E/%2e%2E/q/health/ready",
            "/api/products/.%2e/%2e./q/metrics", "/api/sessions/x/../../../q/metrics", "/api/products/./../../q/dev/",
            "//q/metrics", "/q/metrics", "/q/health", "/q/health/live", "/q/openapi", "/q/", "/q",
            "/ws/../q/metrics", "/socket.io/%2e%2e/q/metrics", "/docs/auth/openapi/../../../q/metrics",
            "/api/products//..//..//q/metrics", "/api/products/%2e%2e/%2e%2e/q/metrics?format=json",
            "http://127.0.0.1/api/products/../../q/metrics",
    })
    void neverForwardsAPathThatNormalisesToAnInternalEndpoint(String target) throws IOException {
        RawHttp.Answer answer = RawHttp.get(edgePort, target);
        assertEquals(404, answer.status(), answer.body());
        assertEquals("Not Found", answer.json().getString("error"));
        assertTrue(answer.json().getString("message").matches("Route GET /q(/.*)? not found"), answer.json().getString("message"));
        assertNothingForwarded();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/products/..;/..;/q/metrics", "/api/products/%2e%2e;/%2e%2e;/q/metrics", "/api/products/..%2f..%2fq%2fmetrics",
            "/api/products/..%2F..%2Fq/metrics", "/api/products/%5c..%5c..%5cq%5cmetrics", "/api/products/..\\..\\q\\metrics",
            "/api/products/%2e%2e%2f%2e%2e%2fq/metrics",
    })
    void refusesPathsThatCannotBeMadeUnambiguous(String target) throws IOException {
        RawHttp.Answer answer = RawHttp.get(edgePort, target);
        assertJsonError(answer, 400, "Bad Request");
        assertNothingForwarded();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "/api//products/./abc/../def?x=1, catalog, /api/products/def?x=1",
            "/api/%70roducts, catalog, /api/products",
            "/api/products/%252e%252e/%252e%252e/q/metrics, catalog, /api/products/%252e%252e/%252e%252e/q/metrics",
            "/api/products/caf%c3%a9, catalog, /api/products/caf%C3%A9",
            "/api/sessions/s1/%63hat, realtime, /api/sessions/s1/chat",
            "/api/products/x/../../sessions/s1/chat, realtime, /api/sessions/s1/chat",
            "/api/sessions/s1/chat/./../analytics, analytics, /api/sessions/s1/analytics",
            "/docs/auth/../catalog/openapi, catalog, /q/openapi",
            "/socket.io/?EIO=4&transport=polling, realtime, /socket.io/?EIO=4&transport=polling",
            "/api/products?tags[]=a&tags[]=b, catalog, /api/products?tags[]=a&tags[]=b",
    })
    void forwardsTheNormalisedPath(String target, String service, String upstreamUri) throws IOException {
        RawHttp.Answer answer = RawHttp.get(edgePort, target);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(new JsonObject().put("service", service).put("uri", upstreamUri), answer.json());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/products/%E0%A4%A", "/api/products/%E0%A4", "/api/products/%", "/api/products/%00", "/api/products/a%0Ab",
            "/api/products/%7F", "/api/products/%C2%9B", "/api/products/a|b", "/api/products/%3Cscript%3E<", "/api/products?q=%zz",
            "/api/products?q=a|b", "/api/products/caf\u00e9", "/api/products/a\u0001b", "/api/products/\u007f",
    })
    void refusesUnparseableUrisInJson(String target) throws IOException {
        RawHttp.Answer answer = RawHttp.get(edgePort, target);
        assertJsonError(answer, 400, "Bad Request");
        assertNothingForwarded();
    }

    @Test
    void refusesTooLongUrisInJson() throws IOException {
        RawHttp.Answer overOurLimit = RawHttp.get(edgePort, "/api/products?q=" + "a".repeat(9_000));
        assertJsonError(overOurLimit, 414, "URI Too Long");
        assertEquals("The request URI is longer than 8192 characters", overOurLimit.json().getString("message"));

        RawHttp.Answer overTheDecoders = RawHttp.get(edgePort, "/api/products?q=" + "a".repeat(70_000));
        assertJsonError(overTheDecoders, 414, "URI Too Long");
        assertNothingForwarded();
    }

    @Test
    void refusesTooLargeHeadersInJson() throws IOException {
        RawHttp.Answer overOurLimit = RawHttp.get(edgePort, "/api/products", "X-Big: " + "b".repeat(20_000));
        assertJsonError(overOurLimit, 431, "Request Header Fields Too Large");
        assertEquals("The request headers are larger than 16384 bytes", overOurLimit.json().getString("message"));

        RawHttp.Answer overTheDecoders = RawHttp.get(edgePort, "/api/products", "X-Big: " + "b".repeat(70_000));
        assertJsonError(overTheDecoders, 431, "Request Header Fields Too Large");
        assertNothingForwarded();
    }

    @Test
    void refusesWhatIsNotHttpInJson() throws IOException {
        assertJsonError(RawHttp.exchange(edgePort, "HELLO THERE\r\n\r\n"), 400, "Bad Request");
        assertJsonError(RawHttp.exchange(edgePort, "GET /api/products HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400, "Bad Request");
        assertJsonError(RawHttp.exchange(edgePort, "POST /api/products HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"),
                501, "Not Implemented");
        assertNothingForwarded();
    }

    @Test
    void keepsTheSeedSystemsNotFoundShape() throws IOException {
        RawHttp.Answer answer = RawHttp.get(edgePort, "/x?y=1");
        assertEquals(404, answer.status());
        assertEquals(new JsonObject().put("success", false).put("error", "Not Found").put("message", "Route GET /x not found"), answer.json());
    }

    private static void assertJsonError(RawHttp.Answer answer, int status, String error) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        JsonObject body = answer.json();
        assertEquals(List.of("success", "error", "message"), List.copyOf(body.fieldNames()));
        assertFalse(body.getBoolean("success"));
        assertEquals(error, body.getString("error"));
        assertFalse(body.getString("message").isBlank());
    }

    private static void assertNothingForwarded() {
        services.forEach((name, service) -> assertEquals(List.of(), service.receivedUris(), name + " was asked"));
    }
}
