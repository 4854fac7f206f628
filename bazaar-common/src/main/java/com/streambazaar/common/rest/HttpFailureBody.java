package com.streambazaar.common.rest;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;

/**
 * Failures that never reach a resource's exception mappers (a chunked body over the size limit, a route failed by the
 * HTTP layer, an error in a filter) are answered here in the shared error shape instead of the framework's own page,
 * which would be empty or carry internals.
 */
@ApplicationScoped
public class HttpFailureBody {

    /** After every route (the framework's own error page is the last failure handler, this one comes before it). */
    static final int ORDER = 20_000;

    void register(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::render);
    }

    void render(RoutingContext context) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode()
                : context.failure() instanceof AuthenticationFailedException
                        || context.failure() instanceof UnauthorizedException ? 401 : 500;
        String body;
        String outage = context.failure() == null ? null : Unavailable.code(context.failure());
        if (status >= 500 && outage != null) {
            Log.warnf("Answering 503 %s on %s %s: %s", outage, context.request().method(), context.request().path(),
                    context.failure().getMessage());
            status = 503;
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(Unavailable.RETRY_AFTER_SECONDS));
            body = Json.encode(Unavailable.body(outage));
        } else if (status >= 500) {
            String reference = UUID.randomUUID().toString();
            Log.errorf(context.failure(), "Unexpected failure on %s %s, reference %s", context.request().method(),
                    context.request().path(), reference);
            body = Json.encode(ErrorBody.of("internal_error",
                    "Something went wrong on our side (reference " + reference + ")"));
        } else {
            body = Json.encode(ErrorBody.of(code(status), message(status, context)));
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body);
    }

    private static String code(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404, 405 -> "Not Found";
            case 413 -> "payload_too_large";
            default -> "bad_request";
        };
    }

    private static String message(int status, RoutingContext context) {
        return switch (status) {
            case 401 -> "Authentication required: send a valid access token";
            case 403 -> "You are not allowed to do this";
            // the seed system answered unknown method+path pairs with its 404; clients expect that shape
            case 404, 405 -> "Route " + context.request().method() + " " + context.request().path() + " not found";
            case 413 -> "Request body is too large";
            default -> "The request could not be understood";
        };
    }
}
