package com.streambazaar.realtime.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.realtime.service.Ack;
import com.streambazaar.realtime.service.ClientConnection;
import com.streambazaar.realtime.service.Credentials;
import com.streambazaar.realtime.service.InvalidCredentialsException;
import com.streambazaar.realtime.service.OutboundEvent;
import com.streambazaar.realtime.service.RoomEngine;
import com.streambazaar.realtime.service.SocketIdentityResolver;
import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.List;

/**
 * The Socket.IO v5 layer of one Engine.IO session, main namespace only: CONNECT with an {@code auth} payload (token,
 * and the {@code pid}/{@code offset} of connection state recovery), EVENT with or without an ack id, DISCONNECT. It is
 * the room engine's {@link ClientConnection} for this socket.
 */
final class SocketIoSocket implements ClientConnection {

    private static final int MAX_EVENT_NAME = 64;

    private final EngineIoSession session;
    private final RoomEngine engine;
    private final SocketIdentityResolver identities;
    private final ObjectMapper mapper;

    // guarded by this
    private boolean connecting;
    private boolean connected;
    private boolean gone;
    private List<String> held;

    SocketIoSocket(EngineIoSession session, RoomEngine engine, SocketIdentityResolver identities, ObjectMapper mapper) {
        this.session = session;
        this.engine = engine;
        this.identities = identities;
        this.mapper = mapper;
    }

    @Override
    public String protocol() {
        return "socket.io";
    }

    @Override
    public java.util.concurrent.Executor lane() {
        return session.lane();
    }

    @Override
    public String clientAddress() {
        return session.credentials.clientAddress();
    }

    @Override
    public void deliver(OutboundEvent event) {
        session.send(event.socketIoFrame(), event.socketIoBytes());
    }

    @Override
    public void deliver(OutboundEvent event, com.streambazaar.realtime.service.DeliveryRound round) {
        session.send(event.socketIoFrame(), event.socketIoBytes(), round);
    }

    /** One Socket.IO packet (the text after the Engine.IO {@code 4}). */
    void onMessage(String text) {
        synchronized (this) {
            if (connecting) {
                if (held == null) {
                    held = new ArrayList<>();
                }
                if (held.size() < 1000) {
                    held.add(text);
                }
                return;
            }
        }
        SocketIoCodec.Packet packet = SocketIoCodec.decode(text);
        if (packet == null) {
            engine.refuse(this, null, "Malformed Socket.IO packet", null);
            return;
        }
        if (!"/".equals(packet.namespace())) {
            if (packet.type() == SocketIoCodec.CONNECT) {
                session.send(SocketIoCodec.connectError(packet.namespace(), "\"Invalid namespace\""));
            }
            return;
        }
        switch (packet.type()) {
            case SocketIoCodec.CONNECT -> connect(packet.json());
            case SocketIoCodec.DISCONNECT -> disconnect();
            case SocketIoCodec.EVENT -> event(packet);
            case SocketIoCodec.ACK -> {
                // the server never asks clients for acks
            }
            case SocketIoCodec.BINARY_EVENT, SocketIoCodec.BINARY_ACK ->
                    engine.refuse(this, null, "Binary payloads are not supported: send JSON", null);
            default -> engine.refuse(this, null, "Unsupported Socket.IO packet type " + packet.type(), null);
        }
    }

    /** A packet the Engine.IO layer does not serve (binary). */
    void onUnsupported(String packet) {
        synchronized (this) {
            if (!connected) {
                return;
            }
        }
        engine.refuse(this, null, "Binary payloads are not supported: send JSON", null);
    }

    private void connect(String json) {
        JsonNode auth = null;
        if (json != null) {
            try {
                auth = mapper.readTree(json);
            } catch (JsonProcessingException e) {
                auth = null;
            }
            if (auth == null || !auth.isObject()) {
                session.send(SocketIoCodec.connectError("/", "\"The auth payload must be a JSON object\""));
                return;
            }
        }
        synchronized (this) {
            if (connected || connecting) {
                return;
            }
            connecting = true;
        }
        Credentials credentials = session.credentials;
        String pid = null;
        String offset = null;
        if (auth != null) {
            JsonNode token = auth.get("token");
            if (token != null && token.isTextual() && !token.asText().isBlank()) {
                credentials = credentials.withToken(token.asText());
            }
            pid = auth.path("pid").isTextual() ? auth.get("pid").asText() : null;
            offset = auth.path("offset").isTextual() ? auth.get("offset").asText() : null;
        }
        String recoveryPid = pid;
        String recoveryOffset = offset;
        identities.resolve(credentials).subscribe().with(
                identity -> engine.open(this, identity, true, recoveryPid, recoveryOffset, (connectionId, newPid, recovered) -> {
                    session.send(SocketIoCodec.connected(connectionId, newPid));
                    List<String> waiting;
                    boolean closeNow;
                    synchronized (this) {
                        connecting = false;
                        connected = true;
                        waiting = held;
                        held = null;
                        closeNow = gone;
                    }
                    if (closeNow) {
                        engine.close(this, true);
                        return;
                    }
                    if (waiting != null) {
                        waiting.forEach(this::onMessage);
                    }
                }),
                failure -> {
                    synchronized (this) {
                        connecting = false;
                        held = null;
                    }
                    String message = failure instanceof InvalidCredentialsException
                            ? failure.getMessage() : "Credentials could not be checked right now; try again";
                    if (!(failure instanceof InvalidCredentialsException)) {
                        Log.warnf("Socket.IO CONNECT: identity check failed: %s", failure.toString());
                    }
                    session.send(SocketIoCodec.connectError("/", quote(message)));
                });
    }

    private void event(SocketIoCodec.Packet packet) {
        synchronized (this) {
            if (!connected) {
                return;
            }
        }
        Ack ack = packet.ackId() == null ? null : ackFor(packet.ackId());
        JsonNode array;
        try {
            array = packet.json() == null ? null : mapper.readTree(packet.json());
        } catch (JsonProcessingException e) {
            array = null;
        }
        if (array == null || !array.isArray() || array.isEmpty() || !array.get(0).isTextual()) {
            engine.refuse(this, null, "An event is a JSON array starting with the event name", ack);
            return;
        }
        String name = array.get(0).asText();
        if (name.isEmpty() || name.length() > MAX_EVENT_NAME) {
            engine.refuse(this, null, "Event names are 1 to " + MAX_EVENT_NAME + " characters", ack);
            return;
        }
        engine.event(this, name, array.size() > 1 ? array.get(1) : null, ack);
    }

    private Ack ackFor(long id) {
        return payload -> {
            try {
                session.send(SocketIoCodec.ack(id, mapper.writeValueAsString(payload)));
            } catch (JsonProcessingException e) {
                Log.errorf(e, "Cannot encode an ack");
            }
        };
    }

    /**
     * The client left the namespace: its rooms are left for good (no recovery); the Engine.IO session stays open, so
     * the client may CONNECT again on it.
     */
    private void disconnect() {
        boolean tellEngine;
        synchronized (this) {
            tellEngine = connected;
            connected = false;
        }
        if (tellEngine) {
            engine.close(this, false);
        }
    }

    /** The Engine.IO session ended. */
    void onTransportClosed(boolean transportLost) {
        boolean tellEngine;
        synchronized (this) {
            gone = true;
            tellEngine = connected;
            connected = false;
        }
        if (tellEngine) {
            engine.close(this, transportLost);
        }
    }

    private String quote(String text) {
        try {
            return mapper.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            return "\"error\"";
        }
    }
}
