package com.streambazaar.analytics.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * One stay of one connection in a room, as stored: either end may still be unknown (events arrive in any order).
 *
 * @param joinedAt null until the {@code viewer.joined} event arrived
 * @param leftAt   null until the {@code viewer.left} event arrived
 * @param lostAt   the stay's replica died: its last known-alive instant (a real leave wins over it)
 */
public record StayRow(UUID sessionId, String viewerId, UUID stayId, Long userId, String username, String replicaId,
                      Instant joinedAt, Instant leftAt, Instant lostAt) {

    /** When the stay ended as far as we know: its leave, else the death of its replica; null while open. */
    public Instant end() {
        return leftAt != null ? leftAt : lostAt;
    }
}
