package com.streambazaar.analytics.service;

import java.time.Duration;
import java.time.Instant;

/**
 * A session's live interval ({@code startedAt}..{@code endedAt}) and the clipping of views to it (METRICS.md: watch
 * time is clipped to the live interval; a view still open at the end is closed at the end). An unknown start (the
 * session's events have not arrived yet) clips nothing; an unknown end leaves open views open.
 */
public record LiveInterval(Instant startedAt, Instant endedAt) {

    public static final LiveInterval UNKNOWN = new LiveInterval(null, null);

    /** A view's instants within the interval; {@code end} null while it is open. */
    public record Clipped(Instant start, Instant end, long watchMs) {

        public boolean open() {
            return end == null;
        }
    }

    public Clipped clip(Instant joinedAt, Instant rawEnd) {
        Instant start = startedAt != null && startedAt.isAfter(joinedAt) ? startedAt : joinedAt;
        Instant end;
        if (rawEnd == null) {
            end = endedAt;
        } else {
            end = endedAt != null && endedAt.isBefore(rawEnd) ? endedAt : rawEnd;
        }
        long watch = end == null || !end.isAfter(start) ? 0 : Duration.between(start, end).toMillis();
        return new Clipped(start, end, watch);
    }

    /**
     * Time-weighted mean of concurrent viewers over the interval (so far): the integral of concurrency over time is
     * the sum of the views' clipped watch times, divided by the interval's length. 0 before the start.
     */
    public double averageConcurrent(long totalWatchMs, Instant now) {
        long elapsed = elapsedMs(now);
        return elapsed == 0 ? 0 : (double) totalWatchMs / elapsed;
    }

    /** Length of the interval up to {@code now} when it is still open; 0 before it starts. */
    public long elapsedMs(Instant now) {
        if (startedAt == null) {
            return 0;
        }
        Instant end = endedAt != null ? endedAt : now;
        return end.isAfter(startedAt) ? Duration.between(startedAt, end).toMillis() : 0;
    }
}
