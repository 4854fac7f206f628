package com.streambazaar.realtime.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * This replica's live figures for operators: {@code bazaar_sockets_connected{protocol="socketio"|"ws"}} (open
 * connections), {@code bazaar_chat_messages_total} and {@code bazaar_reactions_total} (accepted ones; per second with
 * {@code rate()}, summed over replicas in the dashboard).
 */
@ApplicationScoped
public class RealtimeMetrics {

    private final AtomicInteger socketIo = new AtomicInteger();
    private final AtomicInteger plainWs = new AtomicInteger();
    private final Counter chatMessages;
    private final Counter reactions;

    public RealtimeMetrics(MeterRegistry metrics) {
        Gauge.builder("bazaar.sockets.connected", socketIo, AtomicInteger::get).tag("protocol", "socketio")
                .description("Open client connections on this replica").register(metrics);
        Gauge.builder("bazaar.sockets.connected", plainWs, AtomicInteger::get).tag("protocol", "ws")
                .description("Open client connections on this replica").register(metrics);
        chatMessages = Counter.builder("bazaar.chat.messages").description("Chat messages accepted").register(metrics);
        reactions = Counter.builder("bazaar.reactions").description("Reactions accepted").register(metrics);
    }

    void connected(ClientConnection link) {
        counterOf(link).incrementAndGet();
    }

    void disconnected(ClientConnection link) {
        counterOf(link).decrementAndGet();
    }

    void chatMessage() {
        chatMessages.increment();
    }

    void reaction() {
        reactions.increment();
    }

    private AtomicInteger counterOf(ClientConnection link) {
        return "ws".equals(link.protocol()) ? plainWs : socketIo;
    }
}
