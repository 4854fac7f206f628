package com.streambazaar.analytics.repository;

import java.time.Instant;
import java.util.UUID;

/** A session's sums, kept by delta at ingest. */
public record SessionTotals(UUID sessionId, long views, long openViews, long closedWatchMs, long openStartSumMs,
                            long uniqueViewers, long signedInViewers, long engagedViewers, long uniqueClickers,
                            long messages, long reactions, long clicks, int peak, Instant peakAt) {

    public static SessionTotals empty(UUID sessionId) {
        return new SessionTotals(sessionId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    /** Watch time of every view up to {@code nowEpochMs} (open views count what they watched so far). */
    public long watchMsAt(long nowEpochMs) {
        return closedWatchMs + Math.max(0, openViews * nowEpochMs - openStartSumMs);
    }
}
