package com.streambazaar.launcher;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which headers cross the edge, in each direction.
 *
 * <p>Hop-by-hop headers (RFC 9110 section 7.6.1) describe one connection and stop here, as do those a
 * {@code Connection} header names. The edge is also the trust boundary for the client's identity: it drops
 * every {@code X-Forwarded-*}, {@code Forwarded} and {@code X-Real-IP} a client sent and sets
 * {@code X-Forwarded-For} (the direct client only), {@code -Proto} and {@code -Host} itself, so a service that
 * trusts the edge never sees an address the client made up. A request without an {@code X-Request-Id} gets one, so
 * the service's log lines of one client request share an id (tracing's {@code traceparent} passes through as sent).
 */
final class ProxyHeaders {

    static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    /** One id per request from the edge on, in every service's log lines (services keep a sane one, see RequestIds). */
    static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");
    private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
    private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");

    /** Connection options that are not header names. */
    private static final Set<String> CONNECTION_OPTIONS = Set.of("close", "keep-alive", "upgrade");

    private ProxyHeaders() {
    }

    /**
     * Copies what the service should see of the client's request headers into {@code to}, and sets the
     * forwarded headers. {@code Host} is left to the client (it names the service's own address); the
     * client's one travels as {@code X-Forwarded-Host}. For a WebSocket upgrade the {@code Sec-WebSocket-*}
     * headers are dropped too: the edge makes its own handshake with the service.
     */
    static void copyRequestHeaders(HttpServerRequest request, MultiMap to, boolean webSocket) {
        MultiMap from = request.headers();
        Set<String> named = namedByConnection(from.get(HttpHeaders.CONNECTION));
        from.forEach((name, value) -> {
            if (!isHopByHop(name) && !isClientIdentity(name) && !name.equalsIgnoreCase("host")
                    && !(webSocket && name.regionMatches(true, 0, "sec-websocket-", 0, 14))
                    && (named == null || !named.contains(name.toLowerCase(Locale.ROOT)))) {
                to.add(name, value);
            }
        });
        SocketAddress client = request.remoteAddress();
        if (client != null && client.hostAddress() != null) {
            to.set(X_FORWARDED_FOR, client.hostAddress());
        }
        to.set(X_FORWARDED_PROTO, request.isSSL() ? HTTPS : HTTP);
        HostAndPort authority = request.authority();
        if (authority != null) {
            to.set(X_FORWARDED_HOST, authority.toString());
        }
        if (!to.contains(X_REQUEST_ID)) {
            // not UUID.randomUUID(): it draws from the shared SecureRandom, on every event loop; an id needs no secrecy
            ThreadLocalRandom random = ThreadLocalRandom.current();
            to.set(X_REQUEST_ID, new UUID(random.nextLong(), random.nextLong()).toString());
        }
    }

    /** Copies the service's response headers to the client, without the hop-by-hop ones. */
    static void copyResponseHeaders(MultiMap from, MultiMap to) {
        Set<String> named = namedByConnection(from.get(HttpHeaders.CONNECTION));
        from.forEach((name, value) -> {
            if (!isHopByHop(name) && (named == null || !named.contains(name.toLowerCase(Locale.ROOT)))) {
                to.add(name, value);
            }
        });
    }

    /** Header names listed in a Connection header (RFC 9110 section 7.6.1); null for the usual "keep-alive" or none. */
    private static Set<String> namedByConnection(String connection) {
        if (connection == null || connection.equalsIgnoreCase("keep-alive") || connection.equalsIgnoreCase("close")) {
            return null;
        }
        Set<String> named = null;
        for (String token : connection.split(",")) {
            String option = token.trim().toLowerCase(Locale.ROOT);
            if (!option.isEmpty() && !CONNECTION_OPTIONS.contains(option)) {
                if (named == null) {
                    named = new HashSet<>();
                }
                named.add(option);
            }
        }
        return named;
    }

    /** A switch on the length first: this runs for every header of every request. */
    static boolean isHopByHop(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("te");
            case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
            case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 16 -> name.equalsIgnoreCase("proxy-connection");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            case 18 -> name.equalsIgnoreCase("proxy-authenticate");
            case 19 -> name.equalsIgnoreCase("proxy-authorization");
            default -> false;
        };
    }

    private static boolean isClientIdentity(String name) {
        return name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                || name.equalsIgnoreCase("forwarded")
                || name.equalsIgnoreCase("x-real-ip");
    }
}
