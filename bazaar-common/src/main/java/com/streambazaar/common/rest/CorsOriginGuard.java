package com.streambazaar.common.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request from a browser origin that {@code quarkus.http.cors.origins} does not allow is refused by Quarkus's CORS
 * filter with a bare 403 and an empty body. This filter runs just before it, makes the same decision and gives that
 * refusal the shared error shape with a message saying why ({@code origin_not_allowed}). Allowed origins, same-origin
 * requests and requests without an {@code Origin} go on untouched; the CORS filter still does the rest.
 */
@ApplicationScoped
public class CorsOriginGuard {

    /** Just before the CORS filter (300). */
    static final int PRIORITY = 310;

    private final boolean anyOrigin;
    private final List<String> exact;
    private final List<Pattern> patterns;

    public CorsOriginGuard(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
                           @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        List<String> configured = origins.orElse(List.of()).stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        this.anyOrigin = !enabled || configured.isEmpty() || configured.contains("*") || configured.contains("/.*/");
        this.exact = configured.stream().filter(o -> !isRegex(o)).map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.patterns = configured.stream().filter(CorsOriginGuard::isRegex)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
    }

    void register(@Observes Filters filters) {
        if (!anyOrigin) {
            filters.register(this::check, PRIORITY);
        }
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || allowed(origin, request)) {
            context.next();
            return;
        }
        context.response().setStatusCode(403)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(ErrorBody.of("origin_not_allowed", "Requests from the origin " + shown(origin)
                        + " are not allowed; the API accepts browser requests only from its configured origins")));
    }

    boolean allowed(String origin, HttpServerRequest request) {
        String lower = origin.toLowerCase(Locale.ROOT);
        if (exact.contains(lower)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return sameOrigin(lower, request);
    }

    /** The origin of the request's own URL (Quarkus lets those through whatever the list says). */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        String absolute;
        try {
            absolute = request.absoluteURI();
        } catch (RuntimeException e) {
            return false;
        }
        if (absolute == null) {
            return false;
        }
        String lower = absolute.toLowerCase(Locale.ROOT);
        return lower.startsWith(origin) && (lower.length() == origin.length() || lower.charAt(origin.length()) == '/');
    }

    private static boolean isRegex(String origin) {
        return origin.length() > 1 && origin.startsWith("/") && origin.endsWith("/");
    }

    /** The origin as the message shows it: bounded, printable. */
    private static String shown(String origin) {
        String printable = origin.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
