package com.streambazaar.common.rest;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The standard security headers on every answer of every service. The API serves JSON only: nothing may frame it,
 * sniff it into HTML or load anything from it as a page would. {@code Strict-Transport-Security} goes only on answers
 * to requests that came over HTTPS — directly, or through a trusted proxy that says so ({@code X-Forwarded-Proto:
 * https}; untrusted peers' forwarded headers are ignored, see the shared {@code quarkus.http.proxy.*} settings): sent
 * over plain HTTP it would be ignored, and a local stack must not pin {@code localhost} to HTTPS.
 *
 * <p>A route without a path: Vert.x matches it without decoding the path, so even a malformed URI reaches
 * {@link RequestGuard} for its JSON 400 with these headers on it.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every filter and route. */
    static final int ORDER = Integer.MIN_VALUE + 1;

    private final String hsts;

    public SecurityHeaders(@ConfigProperty(name = "bazaar.http.hsts", defaultValue = "max-age=31536000; includeSubDomains")
                           String hsts) {
        this.hsts = hsts;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::apply);
    }

    void apply(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        if (!hsts.isBlank() && "https".equalsIgnoreCase(context.request().scheme())) {
            headers.set("Strict-Transport-Security", hsts);
        }
        context.next();
    }
}
