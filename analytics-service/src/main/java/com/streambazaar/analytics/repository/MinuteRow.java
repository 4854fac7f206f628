package com.streambazaar.analytics.repository;

import com.streambazaar.analytics.service.ConcurrencySweep;

import java.time.Instant;
import java.util.UUID;

/** One minute of a session: activity counts and its piece of the concurrency sweep. */
public record MinuteRow(UUID sessionId, Instant minute, int joins, int leaves, int messages, int reactions,
                        int clicks, ConcurrencySweep.Minute concurrency) {
}
