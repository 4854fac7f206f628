package com.streambazaar.launcher;

import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Forwards a WebSocket upgrade ({@code /ws}, Socket.IO's websocket transport): the edge first makes its own
 * handshake with the service and accepts the client's upgrade only once the service has accepted its one, then
 * relays frames both ways ({@link WebSocketBridge}).
 *
 * <p>A refused upgrade is answered with the service's own status, headers and body, and its connection is
 * closed with it, so refusals never pile up connections to the service. A service that is down gets the
 * edge's JSON 502, one that does not finish the handshake in time a JSON 504. Once upgraded, a WebSocket has no
 * timeout: it lives until either side closes it. Sub-protocols and extensions are not negotiated through the
 * edge (none of our clients uses one).
 */
final class WebSocketForwarder {

    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

    private final Vertx vertx;
    private final WebSocketClient client;
    private final long handshakeTimeoutMillis;
    private final EdgeAnswers answers;

    WebSocketForwarder(Vertx vertx, WebSocketClient client, Duration handshakeTimeout, EdgeAnswers answers) {
        this.vertx = vertx;
        this.client = client;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
        this.answers = answers;
    }

    /** {@code Upgrade: websocket} with {@code upgrade} among the Connection options (browsers send "keep-alive, Upgrade"). */
    static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
            return false;
        }
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        if (connection == null) {
            return false;
        }
        for (String option : connection.split(",")) {
            if (option.trim().equalsIgnoreCase("upgrade")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forwards the upgrade to the first replica of {@code choice} that accepts a connection (one that refuses is
     * skipped); {@code upgraded} runs once the client's upgrade is accepted.
     */
    void forward(HttpServerRequest request, Upstream.Choice choice, String uri, Runnable upgraded) {
        String problem = handshakeProblem(request);
        if (problem != null) {
            answers.error(request, 400, "Bad Request", problem);
            return;
        }
        // toWebSocket() later reads the end of this (empty) request: keep it queued until then
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyRequestHeaders(request, headers, true);
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setURI(uri)
                .setHeaders(headers)
                .setSubProtocols(offeredSubProtocols(request))
                // the client's Origin is among the headers; none is made up when it sent none
                .setAllowOriginHeader(false)
                .setTimeout(handshakeTimeoutMillis);
        connect(request, choice, options, upgraded);
    }

    private void connect(HttpServerRequest request, Upstream.Choice choice, WebSocketConnectOptions options, Runnable upgraded) {
        SocketAddress origin = choice.address();
        options.setHost(origin.host()).setPort(origin.port());
        long started = System.nanoTime();
        client.connect(options).onComplete(connected -> {
            if (connected.failed()) {
                if (choice.failedOver(connected.cause()) && !request.response().closed()) {
                    // that replica is gone: the next one gets the upgrade
                    connect(request, choice, options, upgraded);
                    return;
                }
                request.resume();
                refuse(request, choice.service(), connected.cause(), started);
                return;
            }
            choice.connected();
            WebSocket upstream = connected.result();
            // take hold of it now: the service may speak (Engine.IO's open packet) or close before the client is in
            WebSocketBridge bridge = WebSocketBridge.holding(vertx, upstream);
            if (request.response().closed()) {
                bridge.abandon();
                return;
            }
            // the edge's handshake selects the first protocol the client offered ("*"): leave it only the service's choice
            if (upstream.subProtocol() == null) {
                request.headers().remove(SEC_WEBSOCKET_PROTOCOL);
            } else {
                request.headers().set(SEC_WEBSOCKET_PROTOCOL, upstream.subProtocol());
            }
            request.toWebSocket().onComplete(accepted -> {
                if (accepted.failed()) {
                    bridge.abandon();
                    return;
                }
                upgraded.run();
                bridge.join(vertx, accepted.result());
            });
        });
    }

    private static List<String> offeredSubProtocols(HttpServerRequest request) {
        List<String> offered = new ArrayList<>();
        for (String header : request.headers().getAll(SEC_WEBSOCKET_PROTOCOL)) {
            for (String protocol : header.split(",")) {
                if (!protocol.isBlank()) {
                    offered.add(protocol.trim());
                }
            }
        }
        return offered.isEmpty() ? null : offered;
    }

    private static String handshakeProblem(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            return "A WebSocket upgrade must be a GET request";
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (key == null || key.isBlank()) {
            return "The WebSocket upgrade has no Sec-WebSocket-Key header";
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            return "The WebSocket upgrade must use Sec-WebSocket-Version 13";
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if ((length != null && !length.equals("0")) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return "A WebSocket upgrade cannot carry a body";
        }
        return null;
    }

    private void refuse(HttpServerRequest request, String service, Throwable cause, long startedNanos) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            return;
        }
        if (cause instanceof UpgradeRejectedException rejected) {
            // the service's own answer (its 404, 401 or 400 and their CORS headers), minus what was its connection's
            response.setStatusCode(rejected.getStatus());
            if (rejected.getHeaders() != null) {
                ProxyHeaders.copyResponseHeaders(rejected.getHeaders(), response.headers());
            }
            response.headers().remove(HttpHeaders.CONTENT_LENGTH);
            Buffer body = rejected.getBody();
            response.end(body == null ? Buffer.buffer() : body);
            return;
        }
        boolean outOfTime = System.nanoTime() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(handshakeTimeoutMillis);
        if (outOfTime) {
            // the handshake timer closes the connection; what the client learns is that the service was too slow
            answers.error(request, 504, "Gateway Timeout", service + " did not answer in time");
        } else if (cause instanceof WebSocketHandshakeException) {
            // e.g. the client offered sub-protocols and the service selected none of them
            answers.error(request, 502, "Bad Gateway", service + " did not complete the WebSocket handshake: " + cause.getMessage());
        } else {
            answers.upstreamFailure(request, service, cause);
        }
    }
}
