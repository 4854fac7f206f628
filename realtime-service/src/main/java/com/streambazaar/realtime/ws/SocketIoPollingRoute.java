package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.config.RealtimeConfig;
import com.streambazaar.realtime.config.ReplicaId;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTTP long-polling half of Engine.IO on {@code /socket.io/}: the handshake (GET without sid), polls (GET with
 * sid) and sends (POST with sid). WebSocket upgrades on the same path go to {@link SocketIoEndpoint}. CORS is the
 * service's shared filter (browser origins from {@code BAZAAR_CORS_ORIGINS}).
 */
@ApplicationScoped
public class SocketIoPollingRoute {

    private final EngineIoServer server;
    private final RealtimeConfig config;
    private final ReplicaId replica;
    private final ClientAddresses addresses;

    public SocketIoPollingRoute(EngineIoServer server, RealtimeConfig config, ReplicaId replica, ClientAddresses addresses) {
        this.server = server;
        this.config = config;
        this.replica = replica;
        this.addresses = addresses;
    }

    void routes(@Observes Router router) {
        // Quarkus hands plain routes an unread body: the body handler reads a POST (at most maxPayload + 1 bytes)
        router.post("/socket.io/").order(-11).handler(BodyHandler.create(false).setBodyLimit(config.maxPayload() + 1L)
                .setHandleFileUploads(false).setDeleteUploadedFilesOnEnd(false));
        router.route("/socket.io/").order(-10).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.headers().contains("Sec-WebSocket-Key")) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        Map<String, String> query = HandshakeCredentials.query(request.query());
        if (!"4".equals(query.get("EIO"))) {
            refuse(response, 5, "Unsupported protocol version");
            return;
        }
        String transport = query.get("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            refuse(response, 0, "Transport unknown");
            return;
        }
        if ("websocket".equals(transport)) {
            refuse(response, 3, "Bad request");
            return;
        }
        String sid = query.get("sid");
        if (sid == null) {
            if (request.method() != HttpMethod.GET) {
                refuse(response, 2, "Bad handshake method");
                return;
            }
            EngineIoSession session = server.create(HandshakeCredentials.read(request::getHeader, query,
                    config.cookieName()).withClientAddress(addresses.of(request.remoteAddress() == null ? null
                    : request.remoteAddress().host(), request::getHeader)), null);
            EngineIoSession.respond(response, 200, session.openPacket());
            return;
        }
        EngineIoSession session = server.find(sid);
        if (session == null) {
            if (!replica.owns(sid)) {
                Log.debugf("Polling request for sid %s reached replica %s: the edge must route it to its owner", sid,
                        replica.id());
            }
            refuse(response, 1, "Session ID unknown");
            return;
        }
        if (request.method() == HttpMethod.GET) {
            session.poll(response, Vertx.currentContext());
        } else if (request.method() == HttpMethod.POST) {
            receive(context, session);
        } else {
            refuse(response, 2, "Bad handshake method");
        }
    }

    private void receive(RoutingContext context, EngineIoSession session) {
        HttpServerResponse response = context.response();
        int max = config.maxPayload();
        String length = context.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    EngineIoSession.respond(response, 413, EngineIoCodec.error(3, "Payload too large"));
                    session.close(false);
                    return;
                }
            } catch (NumberFormatException e) {
                refuse(response, 3, "Bad request");
                return;
            }
        }
        io.vertx.core.buffer.Buffer buffer = context.body().buffer();
        if (buffer != null && buffer.length() > max) {
            EngineIoSession.respond(response, 413, EngineIoCodec.error(3, "Payload too large"));
            session.close(false);
            return;
        }
        if (session.transport() != EngineIoSession.Transport.POLLING || session.isClosed()) {
            refuse(response, 3, "Bad request");
            return;
        }
        if (!session.receive(buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8))) {
            refuse(response, 3, "Bad request");
            session.close(false);
            return;
        }
        EngineIoSession.respond(response, 200, "ok");
    }

    private static void refuse(HttpServerResponse response, int code, String message) {
        if (!response.ended()) {
            response.setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(EngineIoCodec.error(code, message));
        }
    }
}
