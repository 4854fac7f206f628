package com.streambazaar.realtime.ws;

/** A WebSocket as the transports write to it: thread-safe, never blocking. */
public interface FrameSink {

    void send(String text);

    /** The same frame given as its UTF-8 bytes too (shared by every receiver of a broadcast). */
    default void send(byte[] utf8, String text) {
        send(text);
    }

    void close();

    /** The event loop owning this socket's writes (null: any thread). */
    default java.util.concurrent.Executor lane() {
        return null;
    }
}
