package com.streambazaar.common.observability;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of every HTTP request: the caller's {@code X-Request-Id} when it sent a sane one (the edge, the
 * Ingress or another service), else a new one. It is put in the log MDC as {@code requestId} — so every line logged
 * while the request is handled carries it, next to OpenTelemetry's {@code traceId}/{@code spanId} when tracing is on —
 * and echoed on the answer, where browser apps may read it (CORS exposes it) to quote it in a bug report.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Right after SecurityHeaders, before every other filter and route, so that refusals carry the id too. */
    static final int ORDER = Integer.MIN_VALUE + 2;

    // what proxies generate (UUIDs, hex, base64url); anything else is replaced rather than written into logs
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::apply);
    }

    void apply(RoutingContext context) {
        String id = accepted(context.request().getHeader(HEADER));
        // MDC lives in the request's Vert.x context (Quarkus' VertxMDC): it follows the request across threads
        MDC.put(MDC_KEY, id);
        context.response().headers().set(HEADER, id);
        context.next();
    }

    static String accepted(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : freshId();
    }

    /**
     * An opaque id in UUID form. Not UUID.randomUUID(): that draws from the shared SecureRandom on every request, and a
     * correlation id needs no secrecy.
     */
    static String freshId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
