package com.streambazaar.common.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer with an empty 413 before any
 * resource runs, so {@link ErrorMapping} never sees it. A request that announces such a body gets the 413 here, in
 * the shared error shape, before anything is read.
 */
@ApplicationScoped
public class OversizedBodyResponse {

    private static final String BODY = Json.encode(ErrorBody.of("payload_too_large", "Request body is too large"));

    private final long maxBodyBytes;

    public OversizedBodyResponse(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(BODY);
            } else {
                context.next();
            }
        });
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
