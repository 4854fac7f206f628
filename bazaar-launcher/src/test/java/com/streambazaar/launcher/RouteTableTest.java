package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of the table, in both directions: what it must catch and what it must leave to the next row. */
class RouteTableTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // realtime: chat under a session, and the socket endpoints
            "/api/sessions/abc/chat, realtime",
            "/api/sessions/abc/chat/count, realtime",
            "/api/sessions/abc/chat/messages/42, realtime",
            "/ws, realtime",
            "/ws?token=t, realtime",
            "/socket.io, realtime",
            "/socket.io/, realtime",
            "/socket.io/?EIO=4&transport=polling&t=abc, realtime",
            "/socket.io/?EIO=4&transport=websocket&sid=xyz, realtime",
            // analytics: session analytics, conversion stats, reactions, creator analytics
            "/api/sessions/abc/analytics, analytics",
            "/api/sessions/abc/analytics/live, analytics",
            "/api/sessions/abc/analytics/viewers, analytics",
            "/api/sessions/abc/conversion-stats, analytics",
            "/api/sessions/abc/reactions, analytics",
            "/api/analytics, analytics",
            "/api/analytics/creator/7, analytics",
            // auth
            "/api/auth, auth",
            "/api/auth/login, auth",
            "/api/auth/refresh, auth",
            "/api/users, auth",
            "/api/users/7, auth",
            "/.well-known/jwks.json, auth",
            // catalog
            "/api/products, catalog",
            "/api/products/9b2c, catalog",
            "/api/products?category=shoes, catalog",
            "/api/search/products, catalog",
            "/api/search/products?q=x, catalog",
            "/api/search/products/suggest, catalog",
            // session: everything else under sessions and search, and the Agora check
            "/api/sessions, session",
            "/api/sessions?status=live, session",
            "/api/sessions/abc, session",
            "/api/sessions/abc/, session",
            "/api/sessions/abc/products, session",
            "/api/sessions/abc/products/p1/showcase, session",
            "/api/sessions/abc/start, session",
            "/api/sessions/live, session",
            "/api/search, session",
            "/api/search/sessions?q=x, session",
            "/api/test-agora, session",
    })
    void routesEveryRowToItsService(String uri, String service) {
        Optional<Route> route = RouteTable.resolve(uri);
        assertTrue(route.isPresent(), "no route for " + uri);
        assertEquals(service, route.get().service(), uri);
        assertEquals(uri, route.get().upstreamUri(), "only /docs URLs are rewritten");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/x", "/health/more", "/api", "/api/", "/api/unknown", "/api/authority", "/api/productsx",
            "/api/sessions-old", "/api/test-agora/extra", "/.well-known/openid-configuration",
            "/.well-known/jwks.json/x", "/wsx", "/socket.iox",
            // the {id} rows need the id: without it these are not chat/analytics paths
            "/api/chat", "/api/reactions",
            "/docs/unknown/openapi", "/docs/auth", "/docs/auth/openapi/extra", "/q/openapi",
    })
    void leavesUnknownPathsUnrouted(String uri) {
        assertEquals(Optional.empty(), RouteTable.resolve(uri), uri);
    }

    @Test
    void narrowRowsOnlyMatchTheirExactPathWhereTheTableSaysSo() {
        // conversion-stats and reactions are exact rows: anything below them belongs to session-service
        assertEquals("session", RouteTable.resolve("/api/sessions/abc/reactions/extra").orElseThrow().service());
        assertEquals("session", RouteTable.resolve("/api/sessions/abc/conversion-stats/x").orElseThrow().service());
        // {id} is one segment: a deeper path is not "a session's chat"
        assertEquals("session", RouteTable.resolve("/api/sessions/abc/def/chat").orElseThrow().service());
    }

    @ParameterizedTest(name = "/docs/{0}/openapi")
    @ValueSource(strings = {"auth", "session", "catalog", "realtime", "analytics"})
    void rewritesOpenApiDocumentsToTheServiceEndpoint(String service) {
        assertEquals(new Route(service, "/q/openapi"), RouteTable.resolve("/docs/" + service + "/openapi").orElseThrow());
        assertEquals(new Route(service, "/q/openapi?format=json"),
                RouteTable.resolve("/docs/" + service + "/openapi?format=json").orElseThrow());
    }

    @Test
    void listsItsRowsInTheOrderTheyAreTried() {
        // the Ingress is generated from this list; the narrow session rows must precede the catch-all
        var patterns = RouteTable.rules().stream().map(RouteTable.Rule::pattern).toList();
        assertTrue(patterns.indexOf("/api/sessions/{id}/chat") < patterns.indexOf("/api/sessions"));
        assertTrue(patterns.indexOf("/api/search/products") < patterns.indexOf("/api/search"));
        assertEquals(15, patterns.size());
    }
}
