package com.streambazaar.realtime.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.realtime.service.Ack;
import com.streambazaar.realtime.service.ClientConnection;
import com.streambazaar.realtime.service.OutboundEvent;
import com.streambazaar.realtime.service.RoomEngine;
import com.streambazaar.realtime.service.SocketIdentity;
import io.quarkus.logging.Log;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain WebSocket on {@code /ws}: text frames {@code {"event": name, "data": payload}} both ways, the same events as
 * Socket.IO. A frame may carry {@code "id"}: the answer comes back as {@code {"event": "ack", "id", "data"}}. The first
 * frame the server sends is {@code connected} (connection id, replica, who the server believes the client is). A
 * client resumes a room with {@code join-session {sessionId, lastMessageId}}: the messages it missed follow.
 */
@WebSocket(path = "/ws", endpointId = PlainWsEndpoint.ID)
public class PlainWsEndpoint {

    static final String ID = "plain-ws";
    private static final UserData.TypedKey<Link> LINK = new UserData.TypedKey<>("link");
    private static final int MAX_EVENT_NAME = 64;

    private final RoomEngine engine;
    private final ObjectMapper mapper;

    public PlainWsEndpoint(RoomEngine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        SocketIdentity identity = connection.userData().get(PlainWsCredentialsCheck.IDENTITY);
        Link link = new Link(new WebSocketSink(connection), connection.userData().get(PlainWsCredentialsCheck.ADDRESS));
        connection.userData().put(LINK, link);
        engine.open(link, identity == null ? SocketIdentity.GUEST : identity, false, null, null,
                (connectionId, pid, recovered) -> {
                    Map<String, Object> hello = new LinkedHashMap<>();
                    hello.put("connectionId", connectionId);
                    hello.put("replicaId", engine.replicaId());
                    hello.put("userId", identity == null ? null : identity.userId());
                    hello.put("username", identity == null ? null : identity.username());
                    hello.put("role", identity == null || identity.isGuest() ? "guest" : identity.caller().role());
                    link.sendNow("connected", hello);
                    link.opened();
                });
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String text) {
        Link link = connection.userData().get(LINK);
        if (link != null) {
            link.receive(text);
        }
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer data) {
        Link link = connection.userData().get(LINK);
        if (link != null) {
            engine.refuse(link, null, "Send text frames with JSON {\"event\", \"data\"}", null);
        }
    }

    @OnClose
    @NonBlocking
    void closed(WebSocketConnection connection) {
        Link link = connection.userData().get(LINK);
        if (link != null) {
            engine.close(link, false);
        }
    }

    @OnError
    @NonBlocking
    void failed(WebSocketConnection connection, Throwable failure) {
        // the connection closes; @OnClose tells the engine
    }

    /** The delivery-round slot of the /ws frame encoding (Socket.IO's is {@link EngineIoSession#SOCKET_IO_SLOT}). */
    static final int WS_SLOT = 1;

    /** The room engine's view of one /ws connection. */
    final class Link implements ClientConnection {
        private final WebSocketSink sink;
        private final String clientAddress;
        private List<String> held = new ArrayList<>();

        Link(WebSocketSink sink, String clientAddress) {
            this.sink = sink;
            this.clientAddress = clientAddress;
        }

        @Override
        public String clientAddress() {
            return clientAddress;
        }

        @Override
        public String protocol() {
            return "ws";
        }

        @Override
        public java.util.concurrent.Executor lane() {
            return sink.lane();
        }

        @Override
        public void deliver(OutboundEvent event) {
            sink.send(event.wsBytes(), event.wsFrame());
        }

        @Override
        public void deliver(OutboundEvent event, com.streambazaar.realtime.service.DeliveryRound round) {
            sink.send(event.wsBytes(), event.wsFrame(), round, WS_SLOT);
        }

        void sendNow(String event, Object data) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("event", event);
            frame.put("data", data);
            try {
                sink.send(mapper.writeValueAsString(frame));
            } catch (JsonProcessingException e) {
                Log.errorf(e, "Cannot encode %s", event);
            }
        }

        void opened() {
            List<String> waiting;
            synchronized (this) {
                waiting = held;
                held = null;
            }
            waiting.forEach(this::receive);
        }

        void receive(String text) {
            synchronized (this) {
                if (held != null) {
                    if (held.size() < 1000) {
                        held.add(text);
                    }
                    return;
                }
            }
            JsonNode frame;
            try {
                frame = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                frame = null;
            }
            if (frame == null || !frame.isObject()) {
                engine.refuse(this, null, "A frame is a JSON object {\"event\", \"data\"}", null);
                return;
            }
            JsonNode id = frame.get("id");
            Ack ack = id == null || id.isNull() || !(id.isTextual() || id.isIntegralNumber()) ? null : payload -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("event", "ack");
                answer.put("id", id);
                answer.put("data", payload);
                try {
                    sink.send(mapper.writeValueAsString(answer));
                } catch (JsonProcessingException e) {
                    Log.errorf(e, "Cannot encode an ack");
                }
            };
            JsonNode event = frame.get("event");
            if (event == null || !event.isTextual() || event.asText().isEmpty() || event.asText().length() > MAX_EVENT_NAME) {
                engine.refuse(this, null, "event must be a string of 1 to " + MAX_EVENT_NAME + " characters", ack);
                return;
            }
            if ("ping".equals(event.asText())) {
                sendNow("pong", frame.get("data"));
                return;
            }
            engine.event(this, event.asText(), frame.get("data"), ack);
        }
    }
}
