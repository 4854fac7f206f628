package com.streambazaar.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The path-prefix routing table of the edge: which service answers which URL.
 *
 * <p>This is the one place the table lives. The local edge router applies it, and the Kubernetes
 * Ingress in {@code deploy/} is written from the same rows ({@link #rules()} lists them in order), so a
 * route added here and not there is a bug. Rules are tried in order and the first match wins, which is
 * why the narrow {@code /api/sessions/{id}/...} rows of realtime and analytics come before session-service's
 * catch-all {@code /api/sessions}.
 *
 * <p>Matching is by whole path segments, like an Ingress {@code Prefix} path: {@code /api/auth} matches
 * {@code /api/auth} and {@code /api/auth/login} but not {@code /api/authority}. {@code {id}} stands for
 * exactly one segment. Empty segments (a trailing or doubled slash) are ignored.
 */
public final class RouteTable {

    public static final String AUTH = "auth";
    public static final String SESSION = "session";
    public static final String CATALOG = "catalog";
    public static final String REALTIME = "realtime";
    public static final String ANALYTICS = "analytics";

    /** The services a {@code /docs/{service}/openapi} URL may name. */
    public static final Set<String> SERVICES = Set.of(AUTH, SESSION, CATALOG, REALTIME, ANALYTICS);

    private static final String ANY_SEGMENT = "{id}";
    private static final String OPENAPI_PATH = "/q/openapi";

    /** How far below its pattern a rule reaches. */
    public enum Reach {
        /** the pattern itself only */
        EXACT,
        /** the pattern and every path below it ("and below") */
        PREFIX
    }

    /**
     * One row of the table; {@code segments} is the pattern split once, so matching does not re-split it.
     * {@code longLived} marks the socket endpoints, which the Ingress serves with long timeouts too.
     */
    public record Rule(String pattern, Reach reach, String service, boolean longLived, List<String> segments) {

        Rule(String pattern, Reach reach, String service, boolean longLived) {
            this(pattern, reach, service, longLived, segmentsOf(pattern));
        }

        boolean matches(List<String> requestSegments) {
            List<String> expected = segments;
            List<String> segments = requestSegments;
            if (segments.size() < expected.size() || (reach == Reach.EXACT && segments.size() != expected.size())) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                String want = expected.get(i);
                if (!want.equals(ANY_SEGMENT) && !want.equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return pattern + (reach == Reach.PREFIX ? "/**" : "") + " -> " + service;
        }
    }

    private static final List<Rule> RULES = List.of(
            prefix("/api/sessions/{id}/chat", REALTIME),

            prefix("/api/sessions/{id}/analytics", ANALYTICS),
            exact("/api/sessions/{id}/conversion-stats", ANALYTICS),
            exact("/api/sessions/{id}/reactions", ANALYTICS),
            prefix("/api/analytics", ANALYTICS),

            prefix("/api/auth", AUTH),
            prefix("/api/users", AUTH),
            exact("/.well-known/jwks.json", AUTH),

            prefix("/api/products", CATALOG),
            prefix("/api/search/products", CATALOG),

            prefix("/api/sessions", SESSION),
            prefix("/api/search", SESSION),
            exact("/api/test-agora", SESSION),

            socket("/ws", REALTIME),
            socket("/socket.io", REALTIME));

    private RouteTable() {
    }

    /** The rows in the order they are tried (for the Ingress and for tests). */
    public static List<Rule> rules() {
        return RULES;
    }

    /**
     * The route for a request URI (path, optionally with a query string), or empty when no service owns
     * it and the edge should answer 404 itself.
     */
    public static Optional<Route> resolve(String uri) {
        int queryStart = uri.indexOf('?');
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        String query = queryStart < 0 ? "" : uri.substring(queryStart);
        List<String> segments = segmentsOf(path);

        Optional<Route> docs = openApiDocument(segments, query);
        if (docs.isPresent()) {
            return docs;
        }
        for (Rule rule : RULES) {
            if (rule.matches(segments)) {
                return Optional.of(new Route(rule.service(), uri, rule.longLived()));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code /docs/{service}/openapi} is a convenience of the edge, not part of any service's API: it makes
     * every service's OpenAPI document reachable under the one base URL by rewriting to {@code /q/openapi}.
     * The query string is kept so {@code ?format=json} still works.
     */
    private static Optional<Route> openApiDocument(List<String> segments, String query) {
        if (segments.size() == 3 && segments.get(0).equals("docs") && segments.get(2).equals("openapi")
                && SERVICES.contains(segments.get(1))) {
            return Optional.of(new Route(segments.get(1), OPENAPI_PATH + query));
        }
        return Optional.empty();
    }

    private static Rule prefix(String pattern, String service) {
        return new Rule(pattern, Reach.PREFIX, service, false);
    }

    private static Rule exact(String pattern, String service) {
        return new Rule(pattern, Reach.EXACT, service, false);
    }

    /** A WebSocket / long-polling endpoint: matched like {@link #prefix}, served without the REST timeout. */
    private static Rule socket(String pattern, String service) {
        return new Rule(pattern, Reach.PREFIX, service, true);
    }

    private static List<String> segmentsOf(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return List.copyOf(segments);
    }
}
