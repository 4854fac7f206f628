package com.streambazaar.realtime.ws;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

/**
 * Writes to a websockets-next connection. Writes come from the room engine's thread (off the event loop), so Vert.x
 * queues them to the connection's event loop and flushes once per burst: frames to one connection are coalesced per
 * flush. Broadcast frames go out as the shared UTF-8 bytes of their one encoding, written straight to the underlying
 * Vert.x WebSocket (websockets-next's {@code sendText} costs a Uni and a context capture per frame, measured as the
 * largest part of a delivery); where that is not reachable, {@code sendText} is used.
 */
final class WebSocketSink implements FrameSink {

    private static final MethodHandle UNDERLYING = underlying();

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final java.util.concurrent.Executor lane;

    /** Made in {@code @OnOpen}, on the connection's event loop. */
    WebSocketSink(WebSocketConnection connection) {
        this.connection = connection;
        this.socket = socketOf(connection);
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        this.lane = socket != null && context instanceof io.vertx.core.impl.ContextInternal internal
                && context.isEventLoopContext() ? internal.nettyEventLoop() : null;
    }

    @Override
    public java.util.concurrent.Executor lane() {
        return lane;
    }

    private static MethodHandle underlying() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
            return MethodHandles.privateLookupIn(base, MethodHandles.lookup())
                    .findVirtual(base, "webSocket", MethodType.methodType(WebSocketBase.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.infof("Writing WebSocket frames through websockets-next's sendText (%s)", e.toString());
            return null;
        }
    }

    private static WebSocketBase socketOf(WebSocketConnection connection) {
        if (UNDERLYING == null) {
            return null;
        }
        try {
            return (WebSocketBase) UNDERLYING.invoke(connection);
        } catch (Throwable e) {
            return null;
        }
    }

    @Override
    public void send(String text) {
        if (socket != null) {
            if (!socket.isClosed()) {
                socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, text.getBytes(StandardCharsets.UTF_8), true));
            }
            return;
        }
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(ok -> {
            }, failure -> Log.debugf("Write to %s failed: %s", connection.id(), failure.getMessage()));
        }
    }

    @Override
    public void send(byte[] utf8, String text) {
        if (socket != null) {
            if (!socket.isClosed()) {
                socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true));
            }
            return;
        }
        send(text);
    }

    @Override
    public void close() {
        if (connection.isOpen()) {
            connection.close().subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }

    WebSocketConnection connection() {
        return connection;
    }
}
