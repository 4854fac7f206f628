package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.config.RealtimeConfig;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * The WebSocket transport of Engine.IO on {@code /socket.io/} (websockets-next): a session that starts on WebSocket
 * ({@code transport=websocket} without sid), or the upgrade of a polling session ({@code sid=…}).
 */
@WebSocket(path = "/socket.io/", endpointId = "socket.io")
public class SocketIoEndpoint {

    private static final UserData.TypedKey<Binding> BINDING = new UserData.TypedKey<>("engine.io");

    private final EngineIoServer server;
    private final RealtimeConfig config;
    private final ClientAddresses addresses;

    public SocketIoEndpoint(EngineIoServer server, RealtimeConfig config, ClientAddresses addresses) {
        this.server = server;
        this.config = config;
        this.addresses = addresses;
    }

    /** The session a connection belongs to and its sink. */
    record Binding(EngineIoSession session, WebSocketSink sink) {
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        Map<String, String> query = HandshakeCredentials.query(connection.handshakeRequest().query());
        WebSocketSink sink = new WebSocketSink(connection);
        if (!"4".equals(query.get("EIO")) || !"websocket".equals(query.get("transport"))) {
            sink.close();
            return;
        }
        String sid = query.get("sid");
        if (sid == null) {
            EngineIoSession session = server.create(HandshakeCredentials.read(connection.handshakeRequest()::header,
                    query, config.cookieName()).withClientAddress(addresses.of(connection.handshakeRequest().remoteAddress(),
                    connection.handshakeRequest()::header)), sink);
            connection.userData().put(BINDING, new Binding(session, sink));
            return;
        }
        EngineIoSession session = server.find(sid);
        if (session == null || !session.offerProbe(sink)) {
            sink.close();
            return;
        }
        connection.userData().put(BINDING, new Binding(session, sink));
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String text) {
        Binding binding = connection.userData().get(BINDING);
        if (binding != null) {
            binding.session().onFrame(binding.sink(), text);
        }
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer data) {
        Binding binding = connection.userData().get(BINDING);
        if (binding != null) {
            binding.session().socket.onUnsupported("b");
        }
    }

    @OnClose
    @NonBlocking
    void closed(WebSocketConnection connection) {
        Binding binding = connection.userData().get(BINDING);
        if (binding != null) {
            binding.session().onClosed(binding.sink());
        }
    }

    @OnError
    @NonBlocking
    void failed(WebSocketConnection connection, Throwable failure) {
        // a broken connection closes; nothing to tell anyone else
    }
}
