package com.streambazaar.launcher;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * The security headers of the edge's own answers ({@code /health}, its 4xx/5xx, preflights, the API document): the
 * same as every service sends (bazaar-common's {@code quarkus.http.header.*}), so that no answer from the stack's
 * base URL lacks them. The edge speaks plain HTTP, so no {@code Strict-Transport-Security}: TLS ends in front of it
 * (the Ingress), and the services add HSTS when the trusted proxy says the request came over HTTPS.
 */
final class EdgeSecurityHeaders {

    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_NAME = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence CSP_NAME = HttpHeaders.createOptimized("Content-Security-Policy");
    static final String CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final CharSequence CSP_VALUE = HttpHeaders.createOptimized(CSP);

    private EdgeSecurityHeaders() {
    }

    static void addTo(MultiMap headers) {
        headers.set(NOSNIFF_NAME, NOSNIFF);
        headers.set(FRAME_NAME, DENY);
        headers.set(REFERRER_NAME, NO_REFERRER);
        headers.set(CSP_NAME, CSP_VALUE);
    }
}
