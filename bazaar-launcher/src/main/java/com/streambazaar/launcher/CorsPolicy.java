package com.streambazaar.launcher;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS headers on the answers the edge gives itself. Everything a service answers (preflights to its routes
 * included) carries the service's own CORS headers, configured from the same variables; without these a browser
 * on another origin could not even read the edge's 404, 502 or 504, only see a network error.
 */
final class CorsPolicy {

    static final String ALLOWED_METHODS = "GET,POST,PUT,PATCH,DELETE,OPTIONS";
    static final String EXPOSED_HEADERS = "Retry-After, Location";
    static final String MAX_AGE_SECONDS = "600";
    private static final CharSequence VARY = HttpHeaders.createOptimized("Origin");
    private static final CharSequence PREFLIGHT_VARY = HttpHeaders.createOptimized(
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");

    private final boolean anyOrigin;
    private final Set<String> allowedOrigins;
    private final boolean allowCredentials;

    CorsPolicy(CorsSettings settings) {
        this.anyOrigin = settings.anyOrigin();
        this.allowedOrigins = settings.allowedOrigins().stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.allowCredentials = settings.allowCredentials();
    }

    /** A browser's preflight: OPTIONS with Origin and Access-Control-Request-Method. */
    static boolean isPreflight(HttpServerRequest request) {
        return request.method() == HttpMethod.OPTIONS
                && request.getHeader(HttpHeaders.ORIGIN) != null
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    /**
     * Adds the CORS headers of an ordinary answer (status and body are the caller's), and with them the security
     * headers: every answer the edge gives itself passes here.
     */
    void addTo(HttpServerRequest request, MultiMap headers) {
        EdgeSecurityHeaders.addTo(headers);
        headers.set(HttpHeaders.VARY, VARY);
        String origin = allowedOrigin(request);
        if (origin != null) {
            allowOrigin(origin, headers);
            headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    /** Answers a preflight for a path the edge answers itself: 204, with CORS headers only if the origin may ask. */
    void answerPreflight(HttpServerRequest request) {
        HttpServerResponse response = request.response().setStatusCode(204);
        MultiMap headers = response.headers();
        EdgeSecurityHeaders.addTo(headers);
        headers.set(HttpHeaders.VARY, PREFLIGHT_VARY);
        String origin = allowedOrigin(request);
        if (origin != null) {
            allowOrigin(origin, headers);
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            if (requested != null && !requested.isBlank()) {
                headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested.trim());
            }
            headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        }
        response.end();
    }

    private void allowOrigin(String origin, MultiMap headers) {
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (allowCredentials) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }

    /**
     * The request's origin when it may read the answer, else null. "Any origin" still leaves out {@code null},
     * the origin of sandboxed frames and local files: echoing it with credentials would let any such page in.
     */
    private String allowedOrigin(HttpServerRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return null;
        }
        if (anyOrigin || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            return origin;
        }
        return null;
    }
}
