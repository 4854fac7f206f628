package com.streambazaar.realtime.service;

import jakarta.inject.Singleton;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event ids this replica published and already delivered to its own rooms: its fan-out consumers skip them when they
 * come back from Kafka. Two generations rotated every 30 s keep the set small (an id is remembered 30–60 s).
 */
@Singleton
public final class LocalEcho {

    private static final long GENERATION_NANOS = 30_000_000_000L;

    private volatile Set<UUID> current = ConcurrentHashMap.newKeySet();
    private volatile Set<UUID> previous = ConcurrentHashMap.newKeySet();
    private volatile long rotatedAt = System.nanoTime();

    public void remember(UUID eventId) {
        rotateIfDue();
        current.add(eventId);
    }

    public boolean isOwn(UUID eventId) {
        rotateIfDue();
        return current.contains(eventId) || previous.contains(eventId);
    }

    private void rotateIfDue() {
        long now = System.nanoTime();
        if (now - rotatedAt > GENERATION_NANOS) {
            synchronized (this) {
                if (now - rotatedAt > GENERATION_NANOS) {
                    previous = current;
                    current = ConcurrentHashMap.newKeySet();
                    rotatedAt = now;
                }
            }
        }
    }
}
