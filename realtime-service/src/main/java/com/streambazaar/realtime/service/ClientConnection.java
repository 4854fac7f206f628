package com.streambazaar.realtime.service;

/**
 * One socket as the room engine sees it, whatever the protocol: the transport adapters (Socket.IO over WebSocket or
 * long-polling, plain /ws) implement it. {@link #deliver} may be called from any thread and must not block.
 */
public interface ClientConnection {

    /** {@code socket.io} or {@code ws}, as presence events name it. */
    String protocol();

    /** Queues an event for this connection; the transport batches what is queued per flush. */
    void deliver(OutboundEvent event);

    /**
     * The same inside a broadcast round on this connection's {@link #lane()}: the transport may write without flushing
     * and leave the flush to the round's end (see {@link DeliveryRound}).
     */
    default void deliver(OutboundEvent event, DeliveryRound round) {
        deliver(event);
    }

    /**
     * The event loop that owns this connection's writes, or null when delivery may happen on any thread (long-polling
     * queues). A broadcast hands each event loop one task for all of its connections, so fan-out runs on every event
     * loop in parallel and each write happens on its own loop (no cross-thread hand-off per frame).
     */
    default java.util.concurrent.Executor lane() {
        return null;
    }

    /** The address the client connects from (through a trusted proxy: the one it names), or null when unknown. */
    default String clientAddress() {
        return null;
    }
}
