package com.streambazaar.realtime.ws;

/** A WebSocket as the transports write to it: thread-safe, never blocking. */
public interface FrameSink {

    void send(String text);

    /** The same frame given as its UTF-8 bytes too (shared by every receiver of a broadcast). */
    default void send(byte[] utf8, String text) {
        send(text);
    }

    /**
     * The same within a broadcast round on this sink's {@link #lane()}: may write without flushing and leave the flush
     * to the round's end. {@code slot} names the encoding (one per protocol) that the round shares among receivers.
     */
    default void send(byte[] utf8, String text, com.streambazaar.realtime.service.DeliveryRound round, int slot) {
        send(utf8, text);
    }

    void close();

    /** The event loop owning this socket's writes (null: any thread). */
    default java.util.concurrent.Executor lane() {
        return null;
    }
}
