package com.streambazaar.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;

/**
 * Relays frames between the client's WebSocket and the service's, as they come: text and binary frames
 * (fragments included), pings and pongs (each side also answers pings itself, as WebSocket requires), and the
 * close, with its code and reason. A side that cannot keep up pauses the other (back-pressure); when either
 * side closes, for whatever reason, the other is closed too.
 *
 * <p>The bridge takes hold of the service's socket as soon as its handshake completes, before the client's
 * upgrade is even accepted: the service may speak at once (Engine.IO sends its open packet) or close at once
 * (to a protocol version it does not speak), and Vert.x lets no handler be set on a socket once it is closed.
 * Its frames wait, in order, until the client's socket {@link #join joins}.
 */
final class WebSocketBridge {

    /** How long a close waits behind frames still queued for a slow side before it is forwarded anyway. */
    private static final long CLOSE_BEHIND_QUEUE_MILLIS = 10_000;

    private final Direction fromUpstream;
    private final WebSocketBase upstream;

    private WebSocketBridge(Vertx vertx, WebSocketBase upstream) {
        this.upstream = upstream;
        this.fromUpstream = new Direction(vertx, upstream);
    }

    /** Call in the service socket's connect callback, while it cannot have been closed yet. */
    static WebSocketBridge holding(Vertx vertx, WebSocketBase upstream) {
        WebSocketBridge bridge = new WebSocketBridge(vertx, upstream);
        upstream.pause();
        bridge.fromUpstream.listen();
        return bridge;
    }

    /** Starts relaying; both sockets run on the same event loop (the client request's). */
    void join(Vertx vertx, WebSocketBase client) {
        Direction fromClient = new Direction(vertx, client);
        fromClient.to = upstream;
        fromClient.listen();
        fromUpstream.to = client;
        client.resume();
        upstream.resume();
        fromUpstream.joined();
    }

    /** The client went away before its upgrade was accepted. */
    void abandon() {
        if (!upstream.isClosed()) {
            upstream.close((short) 1001);
        }
    }

    private static final class Direction {

        private final Vertx vertx;
        private final WebSocketBase from;
        /** null until the bridge is joined: frames are held (the socket is paused) until then */
        private WebSocketBase to;
        private boolean paused;
        private boolean closedUnjoined;
        /** closed before it could be listened to: nothing of it will come, but its close */
        private boolean closedUnheard;
        private boolean closeForwarded;

        Direction(Vertx vertx, WebSocketBase from) {
            this.vertx = vertx;
            this.from = from;
        }

        void listen() {
            if (from.isClosed()) {
                closedUnheard = true;
                return;
            }
            from.frameHandler(this::relay);
            from.closeHandler(v -> closed());
            // a protocol error closes the socket, and the close handler takes it from there
            from.exceptionHandler(failure -> { });
        }

        /** A close that came while the client was not there yet: its close frame follows the held frames, unless it dropped. */
        void joined() {
            if (closedUnheard) {
                forwardClose(from.closeStatusCode(), from.closeReason());
            } else if (closedUnjoined && from.closeStatusCode() == null) {
                forwardClose(null, null);
            }
        }

        private void relay(WebSocketFrame frame) {
            if (to.isClosed()) {
                return;
            }
            switch (frame.type()) {
                case CLOSE -> forwardClose(frame.closeStatusCode(), frame.closeReason());
                case PING -> to.writePing(frame.binaryData());
                case PONG -> to.writePong(frame.binaryData());
                default -> to.writeFrame(frame);
            }
            if (!to.isClosed() && to.writeQueueFull()) {
                paused = true;
                from.pause();
                to.drainHandler(v -> {
                    paused = false;
                    from.resume();
                });
            }
        }

        /**
         * Vert.x calls this as soon as the close frame arrives, possibly ahead of frames still queued behind a
         * slow (or not yet joined) {@code to}; those come first, the close frame itself follows them through
         * {@link #relay}.
         */
        private void closed() {
            Short code = from.closeStatusCode();
            if (to == null) {
                closedUnjoined = true;
                return;
            }
            if (paused && code != null) {
                String reason = from.closeReason();
                vertx.setTimer(CLOSE_BEHIND_QUEUE_MILLIS, id -> forwardClose(code, reason));
                return;
            }
            forwardClose(code, from.closeReason());
        }

        private void forwardClose(Short code, String reason) {
            if (closeForwarded) {
                return;
            }
            closeForwarded = true;
            if (to.isClosed()) {
                return;
            }
            if (code != null && isSendable(code)) {
                to.close(code, reason);
            } else {
                // no code (the connection dropped) or one that only describes it locally: "going away"
                to.close((short) 1001);
            }
        }

        /** Close codes that may appear in a close frame (RFC 6455 section 7.4); 1005, 1006 and 1015 may not. */
        private static boolean isSendable(short code) {
            return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        }
    }
}
