package com.streambazaar.launcher;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.net.ConnectException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answers the edge gives itself, all JSON in the seed system's shapes ({@code {"success":false,"error":...,
 * "message":...}}) with a human message and the CORS headers browsers need to read them.
 */
final class EdgeAnswers {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");

    private final CorsPolicy cors;

    EdgeAnswers(CorsPolicy cors) {
        this.cors = cors;
    }

    CorsPolicy cors() {
        return cors;
    }

    Future<Void> health(HttpServerRequest request) {
        return json(request, 200, new JsonObject()
                .put("status", "ok")
                .put("message", "Stream Bazaar edge is running")
                .put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("environment", "local"));
    }

    Future<Void> error(HttpServerRequest request, int status, String error, String message) {
        return json(request, status, new JsonObject().put("success", false).put("error", error).put("message", message));
    }

    Future<Void> rejected(HttpServerRequest request, RejectedRequest rejected) {
        return error(request, rejected.status(), rejected.error(), rejected.getMessage());
    }

    /** 504 when the service was too slow, 502 when it could not be reached or dropped the connection. */
    Future<Void> upstreamFailure(HttpServerRequest request, String service, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return error(request, 504, "Gateway Timeout", service + " did not answer in time");
        }
        if (cause instanceof ConnectException) {
            return error(request, 502, "Bad Gateway", service + " is not reachable");
        }
        return error(request, 502, "Bad Gateway", service + " closed the connection without answering");
    }

    private Future<Void> json(HttpServerRequest request, int status, JsonObject body) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.closed()) {
            return Future.succeededFuture();
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        cors.addTo(request, response.headers());
        return response.end(body.toBuffer());
    }
}
