package com.streambazaar.analytics.repository;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** A minute (or, for concurrency points, an instant) of one session; sorted as every writer locks them. */
public record MinuteKey(UUID sessionId, Instant at) implements Comparable<MinuteKey> {

    private static final Comparator<MinuteKey> ORDER = Comparator.comparing(MinuteKey::sessionId)
            .thenComparing(MinuteKey::at);

    @Override
    public int compareTo(MinuteKey other) {
        return ORDER.compare(this, other);
    }
}
