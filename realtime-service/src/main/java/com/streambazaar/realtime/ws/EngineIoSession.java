package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.service.Credentials;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Engine.IO v4 session: its transport (long-polling, or WebSocket from the start or after an upgrade), the
 * heartbeat (server pings every {@code pingInterval}, drops the session without a pong within {@code pingTimeout}),
 * and the upgrade from polling to WebSocket ({@code 2probe}/{@code 3probe}, a {@code 6} noop to release the pending
 * poll, then {@code 5}). The Socket.IO layer above it is {@link SocketIoSocket}.
 *
 * <p>Polling: packets queued while no GET is waiting are sent together in the next response; packets queued in one
 * burst while a GET waits are flushed together once, on that request's event loop.
 */
final class EngineIoSession {

    enum Transport { POLLING, WEBSOCKET }

    final String sid;
    final Credentials credentials;
    private final EngineIoServer server;
    final SocketIoSocket socket;

    // guarded by this
    private Transport transport;
    private FrameSink webSocket;
    private FrameSink probe;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private HttpServerResponse pendingGet;
    private Context pendingContext;
    private boolean flushScheduled;
    private boolean closed;
    private long pingTimer = -1;
    private long pongTimer = -1;

    EngineIoSession(EngineIoServer server, String sid, Credentials credentials, FrameSink webSocket) {
        this.server = server;
        this.sid = sid;
        this.credentials = credentials;
        this.webSocket = webSocket;
        this.transport = webSocket == null ? Transport.POLLING : Transport.WEBSOCKET;
        this.socket = new SocketIoSocket(this, server.engine, server.identities, server.mapper);
    }

    String openPacket() {
        return EngineIoCodec.open(sid, transport == Transport.POLLING, server.config.pingInterval().toMillis(),
                server.config.pingTimeout().toMillis(), server.config.maxPayload());
    }

    void start() {
        if (transport == Transport.WEBSOCKET) {
            webSocket.send(openPacket());
        }
        schedulePing();
    }

    synchronized Transport transport() {
        return transport;
    }

    /** The WebSocket's event loop once the session is on WebSocket; null while it polls. */
    synchronized java.util.concurrent.Executor lane() {
        return transport == Transport.WEBSOCKET && webSocket != null ? webSocket.lane() : null;
    }

    // ------------------------------------------------------------ sending

    /** Sends one Engine.IO packet by the current transport. Any thread. */
    void send(String packet) {
        send(packet, null);
    }

    /** The same, with the packet's UTF-8 bytes when they are shared by several receivers. */
    void send(String packet, byte[] utf8) {
        FrameSink ws;
        Context flushOn = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (transport == Transport.WEBSOCKET) {
                ws = webSocket;
            } else {
                ws = null;
                queue.add(packet);
                if (pendingGet != null && !flushScheduled) {
                    flushScheduled = true;
                    flushOn = pendingContext;
                }
            }
        }
        if (ws != null) {
            if (utf8 != null) {
                ws.send(utf8, packet);
            } else {
                ws.send(packet);
            }
        } else if (flushOn != null) {
            flushOn.runOnContext(v -> flushPending());
        }
    }

    /** A broadcast packet inside a delivery round on this session's lane (see {@link FrameSink#send(byte[], String,
     * com.streambazaar.realtime.service.DeliveryRound, int)}); polling sessions queue it as any other packet. */
    void send(String packet, byte[] utf8, com.streambazaar.realtime.service.DeliveryRound round) {
        FrameSink ws;
        synchronized (this) {
            ws = !closed && transport == Transport.WEBSOCKET ? webSocket : null;
        }
        if (ws == null) {
            send(packet, utf8);
        } else {
            ws.send(utf8, packet, round, SOCKET_IO_SLOT);
        }
    }

    /** The delivery-round slot of Socket.IO's shared frame encoding. */
    static final int SOCKET_IO_SLOT = 0;

    private void flushPending() {
        HttpServerResponse response;
        String body;
        synchronized (this) {
            flushScheduled = false;
            if (pendingGet == null || queue.isEmpty()) {
                return;
            }
            response = pendingGet;
            pendingGet = null;
            body = drain();
        }
        respond(response, 200, body);
    }

    private String drain() {
        List<String> packets = new ArrayList<>(queue);
        queue.clear();
        return EngineIoCodec.joinPayload(packets);
    }

    static void respond(HttpServerResponse response, int status, String body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=UTF-8")
                .putHeader("Cache-Control", "no-store").end(body);
    }

    // ------------------------------------------------------------ polling requests

    /** A GET of the polling transport: answered now when packets wait, else held until there are some. */
    void poll(HttpServerResponse response, Context context) {
        String body = null;
        boolean overlap = false;
        boolean upgraded = false;
        synchronized (this) {
            if (closed) {
                // the client's own close raced with this poll: end it cleanly once, then the sid is unknown
                body = String.valueOf(EngineIoCodec.NOOP);
                server.remove(this);
            } else if (transport != Transport.POLLING) {
                upgraded = true;
            } else if (pendingGet != null) {
                overlap = true;
            } else if (!queue.isEmpty()) {
                body = drain();
            } else {
                pendingGet = response;
                pendingContext = context;
                response.closeHandler(v -> {
                    synchronized (this) {
                        if (pendingGet == response) {
                            pendingGet = null;
                        }
                    }
                });
            }
        }
        if (upgraded) {
            // the session lives on its WebSocket now: a late poll is refused, the session goes on
            respond(response, 400, EngineIoCodec.error(3, "Bad request"));
            return;
        }
        if (overlap) {
            respond(response, 400, EngineIoCodec.error(3, "Bad request"));
            close(true);
            return;
        }
        if (body != null) {
            respond(response, 200, body);
        }
    }

    /** A POST of the polling transport: its packets, in order; false (and nothing applied) when one is malformed. */
    boolean receive(String body) {
        List<String> packets = EngineIoCodec.splitPayload(body);
        for (String packet : packets) {
            if (!EngineIoCodec.isValid(packet)) {
                return false;
            }
        }
        for (String packet : packets) {
            onPacket(packet, null);
        }
        return true;
    }

    // ------------------------------------------------------------ WebSocket transport and upgrade

    /** A WebSocket arrived with this session's sid: the client probes it before upgrading. */
    boolean offerProbe(FrameSink candidate) {
        synchronized (this) {
            if (closed || transport != Transport.POLLING || probe != null) {
                return false;
            }
            probe = candidate;
            return true;
        }
    }

    /** A text frame of the session's WebSocket (or of its probe). */
    void onFrame(FrameSink from, String text) {
        boolean isProbe;
        synchronized (this) {
            isProbe = from == probe;
            if (!isProbe && from != webSocket) {
                return;
            }
        }
        if (!isProbe) {
            onPacket(text, from);
            return;
        }
        if ("2probe".equals(text)) {
            from.send("3probe");
            // releases the pending poll so the client can pause polling and finish the upgrade
            send(String.valueOf(EngineIoCodec.NOOP));
        } else if (String.valueOf(EngineIoCodec.UPGRADE).equals(text)) {
            List<String> backlog;
            HttpServerResponse released;
            synchronized (this) {
                transport = Transport.WEBSOCKET;
                webSocket = from;
                probe = null;
                backlog = new ArrayList<>(queue);
                queue.clear();
                released = pendingGet;
                pendingGet = null;
            }
            if (released != null) {
                Context context = pendingContext;
                context.runOnContext(v -> respond(released, 200, String.valueOf(EngineIoCodec.NOOP)));
            }
            for (String packet : backlog) {
                if (packet.length() == 1 && packet.charAt(0) == EngineIoCodec.NOOP) {
                    continue;
                }
                from.send(packet);
            }
        } else {
            // anything else on a probe is a protocol error: drop the probe, keep polling
            synchronized (this) {
                probe = null;
            }
            from.close();
        }
    }

    /** The session's WebSocket (or probe) closed. */
    void onClosed(FrameSink from) {
        boolean wasTransport;
        synchronized (this) {
            if (from == probe) {
                probe = null;
                return;
            }
            wasTransport = from == webSocket && transport == Transport.WEBSOCKET;
        }
        if (wasTransport) {
            close(true);
        }
    }

    // ------------------------------------------------------------ packets and heartbeat

    private void onPacket(String packet, FrameSink from) {
        if (packet.isEmpty()) {
            return;
        }
        switch (packet.charAt(0)) {
            case EngineIoCodec.MESSAGE -> socket.onMessage(packet.substring(1));
            case EngineIoCodec.PONG -> pong();
            case EngineIoCodec.PING -> send(EngineIoCodec.PONG + packet.substring(1));
            case EngineIoCodec.CLOSE -> closeByClient();
            case EngineIoCodec.NOOP, EngineIoCodec.UPGRADE -> {
            }
            case 'b' -> socket.onUnsupported(packet);
            default -> close(false);
        }
    }

    private void schedulePing() {
        long interval = server.config.pingInterval().toMillis();
        synchronized (this) {
            if (closed) {
                return;
            }
            pingTimer = server.vertx.setTimer(interval, id -> ping());
        }
    }

    private void ping() {
        long timeout = server.config.pingTimeout().toMillis();
        synchronized (this) {
            if (closed) {
                return;
            }
            pongTimer = server.vertx.setTimer(timeout, id -> close(true));
        }
        send(String.valueOf(EngineIoCodec.PING));
    }

    private void pong() {
        synchronized (this) {
            if (pongTimer >= 0) {
                server.vertx.cancelTimer(pongTimer);
                pongTimer = -1;
            }
        }
        schedulePing();
    }

    /**
     * The client sent a close packet: a poll waiting (or racing with it) ends with a noop, and the session is gone for
     * good (no recovery).
     */
    private void closeByClient() {
        boolean lingering;
        synchronized (this) {
            lingering = transport == Transport.POLLING && pendingGet == null;
        }
        close(false, String.valueOf(EngineIoCodec.NOOP));
        if (lingering) {
            // keeps the sid known for one racing poll (answered with a noop); forgotten after a second regardless
            server.keep(this);
            server.vertx.setTimer(1000, id -> server.remove(this));
        }
    }

    void close(boolean transportLost) {
        close(transportLost, String.valueOf(EngineIoCodec.CLOSE));
    }

    /**
     * Ends the session. {@code transportLost}: the client went away without saying so (transport closed, ping timeout),
     * so its Socket.IO state is kept for recovery; a client's close or disconnect packet ends it for good.
     */
    private void close(boolean transportLost, String lastPoll) {
        FrameSink ws;
        FrameSink candidate;
        HttpServerResponse released;
        Context context;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ws = webSocket;
            candidate = probe;
            released = pendingGet;
            context = pendingContext;
            pendingGet = null;
            if (pingTimer >= 0) {
                server.vertx.cancelTimer(pingTimer);
            }
            if (pongTimer >= 0) {
                server.vertx.cancelTimer(pongTimer);
            }
        }
        server.remove(this);
        if (released != null && context != null) {
            context.runOnContext(v -> respond(released, 200, lastPoll));
        }
        if (ws != null) {
            ws.close();
        }
        if (candidate != null) {
            candidate.close();
        }
        socket.onTransportClosed(transportLost);
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
