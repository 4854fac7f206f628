package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Kubernetes Ingress must send every path to the service the local edge sends it to (bazaar-launcher
 * {@link RouteTable}), with the edge's timeouts, or clients would work locally and break in production. The rendered
 * Ingress objects of both overlays are evaluated by ingress-nginx's real matching rules ({@link IngressNginx}:
 * longest-first ordering, use-regex turning every path of the host into a case-insensitive regex, Exact and Prefix
 * included, nginx's URI normalisation) against every row of the table and the edge cases around them.
 */
class IngressRoutingTest {

    private static final String SESSION_ID = "8f14e45f-ceea-467f-a0e6-7b7f5ab3f2c1";
    private static final String PROD_HOST = "api.stream-bazaar.example";
    /** Where the Ingress sends the merged API document (every service serves it: bazaar-common MergedApiDocument). */
    private static final String API_DOCUMENT_SERVICE = "auth-service";

    /** Paths around the rows' edges: near misses, case, trailing and doubled slashes, dots, escapes, queries. */
    private static final List<String> EDGE_CASES = List.of(
            "/", "/api", "/api/", "/api/unknown", "/api/authority", "/api/auth/", "/API/auth/login", "/api/Auth/login",
            "/api/usersx", "/.well-known/jwks.json/", "/.well-known/jwks.json/x", "/.well-known/jwksXjson",
            "/.WELL-KNOWN/jwks.json", "/.well-known", "/api/productsx", "/api/products/123?fields=name",
            "/api/search/", "/api/search/sessions/live", "/api/search/products/", "/api/search/products?q=shoe",
            "/api/search/productsx", "/api/search/products/x/y", "/api/sessions/", "/api/sessions/live",
            "/api/sessions/abc/", "/api/sessions/abc/chat/", "/api/sessions/abc/chat/count",
            "/api/sessions/abc/chat/settings", "/api/sessions/abc/chatty", "/api/sessions/abc/chat-x",
            "/api/sessions/abc/Chat", "/api/sessions/abc/def/chat", "/api/sessions/abc/analyticsx",
            "/api/sessions/abc/analytics/viewers", "/api/sessions/abc/conversion-stats/",
            "/api/sessions/abc/conversion-stats/x", "/api/sessions/abc/reactions/", "/api/sessions/abc/reactions/x",
            "/api/sessions/abc/reactionsx", "/api/sessions/abc/products", "/api/sessions/abc/products/p1/showcase",
            "/api/sessions//abc//chat", "/api/products/../sessions/abc/chat", "/api/sessions/abc/./chat",
            "/api/sessions/abc/chat/..", "/api/%73essions/abc/chat", "/api/sessions/a%20b/chat", "/api/analyticsx",
            "/api/analytics/creators/7", "/api/test-agora/", "/api/test-agora/x", "/api/test-agorax", "/ws/", "/wsx",
            "/ws/x", "/ws?token=t", "/socket.io/", "/socket.io/?EIO=4&transport=polling&t=abc",
            "/socket.io/?EIO=4&transport=websocket&sid=abc.def", "/socket.iox", "/socketXio/", "/q/metrics",
            "/q/health/ready", "/api/products/../../q/metrics", "/metrics", "/health",
            "/docs/auth/openapi", "/docs/auth/openapi?format=json", "/docs/auth/openapi/", "/docs/catalog/openapi",
            "/docs/session/openapi", "/docs/realtime/openapi", "/docs/analytics/openapi", "/docs/unknown/openapi",
            "/docs/auth/openapi/x", "/docs/auth", "/docs/SESSION/openapi", "/docs//auth/openapi",
            "/docs/openapi", "/docs/openapi?format=json", "/docs/openapi/", "/docs/openapix", "/docs/openapi/x",
            "/DOCS/openapi", "/docs//openapi");

    /** Every row of RouteTable, reached as itself, below itself and just beside itself. */
    static List<String> tablePaths() {
        Set<String> paths = new LinkedHashSet<>();
        for (RouteTable.Rule rule : RouteTable.rules()) {
            String path = rule.pattern().replace("{id}", SESSION_ID);
            paths.add(path);
            paths.add(path + "/");
            paths.add(path + "/x");
            paths.add(path + "x");
            paths.add(path + "?page=2");
            if (rule.reach() == RouteTable.Reach.PREFIX) {
                paths.add(path + "/x/y");
            }
        }
        paths.addAll(EDGE_CASES);
        return List.copyOf(paths);
    }

    static Stream<Arguments> requests() {
        List<Arguments> arguments = new ArrayList<>();
        for (RenderedManifests.Overlay overlay : RenderedManifests.overlays()) {
            for (String path : tablePaths()) {
                arguments.add(Arguments.of(overlay.name(), path));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("requests")
    void ingressRoutesLikeTheEdge(String overlayName, String target) {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        IngressNginx nginx = IngressNginx.of(overlay.objects());
        EdgeAnswer answer = edgeRoute(target);
        if (answer == null) {
            // the edge refuses the request (400) before routing: nothing to compare
            return;
        }
        Optional<Route> edge = answer.route();
        IngressNginx.Match match = nginx.route(host(overlay), target);
        if (ApiDocument.isRequestFor(answer.normalizedTarget().split("\\?", 2)[0], io.vertx.core.http.HttpMethod.GET)) {
            // the edge answers the merged API document itself; on Kubernetes a service answers it
            assertEquals(Optional.of(API_DOCUMENT_SERVICE), match.service(), () -> overlay + ": " + target);
            assertEquals(Long.toString(EdgeSettings.DEFAULTS.requestTimeout().toSeconds()),
                    match.location().location().annotation("proxy-read-timeout"), target + " read timeout");
            return;
        }
        assertEquals(edge.map(route -> route.service() + "-service"), match.service(),
                () -> overlay + ": Ingress and edge disagree on " + target + " (nginx took " + match.location() + ")");
        if (edge.isEmpty()) {
            return;
        }
        // the rewritten OpenAPI paths reach the service as the edge sends them
        if (!edge.get().upstreamUri().equals(answer.normalizedTarget())) {
            assertEquals(edge.get().upstreamUri(), match.upstreamUri(), overlay + ": upstream URI of " + target);
        }
        // a REST path gets the REST timeout and a socket path the long one, on both sides
        EdgeSettings defaults = EdgeSettings.DEFAULTS;
        long read = (edge.get().longLived() ? defaults.socketTimeout() : defaults.requestTimeout()).toSeconds();
        IngressNginx.Location location = match.location().location();
        assertEquals(Long.toString(read), location.annotation("proxy-read-timeout"), location.ingress() + " read timeout, for " + target);
        assertEquals(Long.toString(read), location.annotation("proxy-send-timeout"), location.ingress() + " send timeout, for " + target);
        assertEquals(Long.toString(defaults.connectTimeout().toSeconds()), location.annotation("proxy-connect-timeout"),
                location.ingress() + " connect timeout, for " + target);
    }

    /**
     * No request is matched by two paths: ingress-nginx's ordering (longest path first, which sent
     * /api/sessions/{id}/chat to session-service before) cannot decide anything, whatever version sorts how.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("requests")
    void noTwoPathsMatchOneRequest(String overlayName, String target) {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        List<IngressNginx.RenderedLocation> matching = IngressNginx.of(overlay.objects()).allMatching(host(overlay), target);
        assertTrue(matching.size() <= 1, () -> overlay + ": " + target + " is matched by " + matching);
    }

    @Test
    void socketIoPollingStaysOnOneReplica() {
        for (RenderedManifests.Overlay overlay : RenderedManifests.overlays()) {
            IngressNginx.Match polling = IngressNginx.of(overlay.objects()).route(host(overlay), "/socket.io/?EIO=4&transport=polling");
            IngressNginx.Location location = polling.location().location();
            assertEquals(Optional.of("realtime-service"), polling.service(), overlay.name());
            assertEquals("cookie", location.annotation("affinity"), overlay + ": " + location.ingress() + " needs cookie affinity");
            // "balanced" would move existing clients to new pods when the Deployment scales out
            assertEquals("persistent", location.annotation("affinity-mode"), overlay + ": " + location.ingress());
            String cookiePath = location.annotation("session-cookie-path");
            assertTrue(cookiePath != null && "/socket.io/".startsWith(cookiePath), overlay + ": the cookie must be sent to /socket.io/");
        }
        // cross-site browser apps send the cookie with their polling requests only when it is SameSite=None; Secure
        IngressNginx.Location prod = IngressNginx.of(RenderedManifests.overlay("prod").objects())
                .route(PROD_HOST, "/socket.io/").location().location();
        assertEquals("None", prod.annotation("session-cookie-samesite"));
        assertEquals("true", prod.annotation("session-cookie-secure"));
    }

    @Test
    void prodServesTheApiOnlyOnItsHostWithTls() {
        RenderedManifests.Overlay prod = RenderedManifests.overlay("prod");
        IngressNginx nginx = IngressNginx.of(prod.objects());
        assertEquals(Optional.of("auth-service"), nginx.route(PROD_HOST, "/api/auth/login").service());
        assertEquals(Optional.empty(), nginx.route("other.example", "/api/auth/login").service(), "an unknown host gets the default backend");
        for (var ingress : prod.ofKind("Ingress")) {
            var tls = ingress.path("spec").path("tls");
            assertTrue(tls.isArray() && tls.size() == 1, ingress.path("metadata").path("name") + " has TLS");
            assertEquals(PROD_HOST, tls.get(0).path("hosts").get(0).asText());
            assertEquals("stream-bazaar-tls", tls.get(0).path("secretName").asText());
        }
        assertEquals(1, prod.ofKind("Ingress").stream()
                .filter(i -> i.path("metadata").path("annotations").has("cert-manager.io/cluster-issuer")).count(),
                "one Ingress asks cert-manager for the certificate, the others share its Secret");
    }

    @Test
    void corsIsLeftToTheServices() {
        for (RenderedManifests.Overlay overlay : RenderedManifests.overlays()) {
            for (var ingress : overlay.ofKind("Ingress")) {
                ingress.path("metadata").path("annotations").fieldNames().forEachRemaining(name -> {
                    if (name.contains("cors")) {
                        fail(overlay + ": " + ingress.path("metadata").path("name") + " sets " + name
                                + "; the services answer CORS themselves (BAZAAR_CORS_ORIGINS)");
                    }
                });
            }
        }
    }

    /** What the edge makes of a request target: the path it routes on (and forwards) and its route. */
    private record EdgeAnswer(String normalizedTarget, Optional<Route> route) {
    }

    /** The edge's answer, or null when the edge refuses the request before routing. */
    private static EdgeAnswer edgeRoute(String target) {
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        String query = queryStart < 0 ? null : target.substring(queryStart + 1);
        try {
            String normalized = PathNormalizer.normalize(path);
            PathNormalizer.checkQuery(query);
            String normalizedTarget = query == null ? normalized : normalized + "?" + query;
            return new EdgeAnswer(normalizedTarget, RouteTable.resolve(normalizedTarget));
        } catch (RejectedRequest refused) {
            return null;
        }
    }

    private static String host(RenderedManifests.Overlay overlay) {
        return overlay.name().equals("prod") ? PROD_HOST : "localhost";
    }
}
