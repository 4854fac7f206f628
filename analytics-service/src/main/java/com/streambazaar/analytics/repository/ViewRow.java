package com.streambazaar.analytics.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A view as stored: the merged stays ({@code joinedAt}..{@code rawEnd}) and the same clipped to the session's live
 * interval ({@code startAt}..{@code endAt}), which every figure uses. Keyed by (session, startAt, viewId).
 *
 * @param rawEnd   end of the merged stays; null while one of them is open
 * @param endAt    end within the live interval; null while the view is open
 * @param watchMs  {@code endAt - startAt} (0 while open, never negative)
 * @param replicas the replicas holding the view's open stays
 */
public record ViewRow(UUID sessionId, String viewerId, UUID viewId, Long userId, String username, Instant joinedAt,
                      Instant rawEnd, Instant startAt, Instant endAt, long watchMs, int stays, List<String> replicas) {

    public boolean open() {
        return endAt == null;
    }

    /** Whether the view is open at some instant of the live interval (counts towards concurrency). */
    public boolean overlapsLiveInterval() {
        return endAt == null || endAt.isAfter(startAt);
    }
}
