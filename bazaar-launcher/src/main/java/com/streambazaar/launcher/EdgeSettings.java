package com.streambazaar.launcher;

import java.time.Duration;

/**
 * How long the edge waits and how much it accepts. The Kubernetes Ingress states the same timeouts
 * ({@code IngressRoutingTest} holds the two together).
 *
 * @param requestTimeout  how long a proxied REST request may go without a byte from the service (waiting for a
 *                        pooled connection included) before the edge answers 504
 * @param socketTimeout   the same for plain HTTP on the socket paths ({@code /ws}, {@code /socket.io}), where
 *                        Socket.IO long-polling holds a request open on purpose; upgraded WebSockets have none
 * @param connectTimeout  how long opening a TCP connection to a service may take before it counts as unreachable
 * @param maxUriLength    longest request URI (path and query) the edge accepts; longer gets 414
 * @param maxHeaderSize   largest header section (names and values) the edge accepts; larger gets 431
 */
public record EdgeSettings(Duration requestTimeout, Duration socketTimeout, Duration connectTimeout,
                           int maxUriLength, int maxHeaderSize) {

    public static final EdgeSettings DEFAULTS = new EdgeSettings(
            Duration.ofSeconds(30), Duration.ofSeconds(3600), Duration.ofSeconds(3), 8 * 1024, 16 * 1024);

    /**
     * What Vert.x itself accepts before it refuses a request without asking us. It is set well above our own
     * limits so that the edge sees the oversized request, with its {@code Origin}, and can answer in JSON
     * with CORS headers; only requests beyond even this get the bare invalid-request answer.
     */
    static final int DECODER_LIMIT = 64 * 1024;
}
