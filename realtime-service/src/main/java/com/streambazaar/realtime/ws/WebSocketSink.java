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
    /** The Netty context Vert.x writes this socket's frames through (null: not reachable, frames go by writeFrame). */
    private final io.netty.channel.ChannelHandlerContext channel;
    private final Runnable flush;
    private com.streambazaar.realtime.service.DeliveryRound flushRound;

    /** Made in {@code @OnOpen}, on the connection's event loop. */
    WebSocketSink(WebSocketConnection connection) {
        this.connection = connection;
        this.socket = socketOf(connection);
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        this.lane = socket != null && context instanceof io.vertx.core.impl.ContextInternal internal
                && context.isEventLoopContext() ? internal.nettyEventLoop() : null;
        this.channel = lane != null ? channelOf(socket) : null;
        this.flush = channel == null ? null : channel::flush;
    }

    /** vertx-web hands websockets-next a wrapper of the Vert.x socket; its delegate is the socket with a channel. */
    private static final MethodHandle WRAPPED = wrapped();

    private static MethodHandle wrapped() {
        try {
            Class<?> wrapper = Class.forName("io.vertx.ext.web.impl.ServerWebSocketWrapper");
            return MethodHandles.privateLookupIn(wrapper, MethodHandles.lookup())
                    .findGetter(wrapper, "delegate", io.vertx.core.http.ServerWebSocket.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The Netty context of a Vert.x socket, through vertx-web's wrapper; null when not reachable. */
    private static io.netty.channel.ChannelHandlerContext channelOf(WebSocketBase socket) {
        WebSocketBase current = socket;
        for (int depth = 0; depth < 3 && current != null; depth++) {
            if (current instanceof io.vertx.core.http.impl.WebSocketImplBase<?> base) {
                return base.channelHandlerContext();
            }
            if (WRAPPED == null || !WRAPPED.type().parameterType(0).isInstance(current)) {
                return null;
            }
            try {
                current = (WebSocketBase) WRAPPED.invoke(current);
            } catch (Throwable e) {
                return null;
            }
        }
        return null;
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

    /**
     * A broadcast frame inside a delivery round, on this socket's event loop: the WebSocket frame (header and payload)
     * is encoded once per round and protocol into one direct buffer that every receiver's write shares (a retained
     * duplicate: no copy, no per-receiver frame encoding), written without a flush; the round flushes each socket once
     * at its end, so the frames one socket got in a round leave in one gathering write. Server frames are unmasked and
     * uncompressed (per-message deflate is off), so the bytes are the same for every receiver.
     */
    @Override
    public void send(byte[] utf8, String text, com.streambazaar.realtime.service.DeliveryRound round, int slot) {
        if (channel == null || !channel.executor().inEventLoop()) {
            send(utf8, text);
            return;
        }
        if (socket.isClosed()) {
            return;
        }
        io.netty.buffer.ByteBuf frame = round.shared(slot, utf8, WebSocketSink::encodeTextFrame,
                io.netty.buffer.ByteBuf::release);
        channel.write(frame.retainedDuplicate(), channel.voidPromise());
        if (flushRound != round) {
            flushRound = round;
            round.flushAtEnd(flush);
        }
    }

    /** A final, unmasked text frame carrying {@code payload} (RFC 6455 §5.2). */
    static io.netty.buffer.ByteBuf encodeTextFrame(byte[] payload) {
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        io.netty.buffer.ByteBuf frame = io.netty.buffer.Unpooled.directBuffer(header + length);
        frame.writeByte(0x81);
        if (length <= 125) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(payload);
        return frame;
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
