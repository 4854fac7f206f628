package com.streambazaar.analytics.repository;

import java.util.UUID;

/** A viewer identity in one session. Every writer locks viewers in this order, so batches never deadlock. */
public record ViewerKey(UUID sessionId, String viewerId) implements Comparable<ViewerKey> {

    @Override
    public int compareTo(ViewerKey other) {
        int bySession = sessionId.compareTo(other.sessionId);
        return bySession != 0 ? bySession : viewerId.compareTo(other.viewerId);
    }
}
