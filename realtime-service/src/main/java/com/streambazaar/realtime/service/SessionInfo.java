package com.streambazaar.realtime.service;

import com.streambazaar.common.event.contract.SessionState;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What the rooms know of a session (from bazaar.sessions.v1): enough to admit joins, creators and clicks. */
public record SessionInfo(UUID sessionId, long creatorId, String status, Set<UUID> productIds, String channelName,
                          Instant updatedAt, boolean deleted, long loadedAtNanos) {

    public boolean isLive() {
        return SessionState.STATUS_LIVE.equals(status);
    }

    public boolean isEnded() {
        return SessionState.STATUS_ENDED.equals(status);
    }

    /** The newer of two views of one session (a tombstone always wins). */
    public static SessionInfo newer(SessionInfo a, SessionInfo b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.deleted() != b.deleted()) {
            return a.deleted() ? a : b;
        }
        return b.updatedAt().isBefore(a.updatedAt()) ? a : b;
    }
}
