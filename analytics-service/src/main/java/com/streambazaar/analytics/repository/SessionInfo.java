package com.streambazaar.analytics.repository;

import com.streambazaar.common.event.contract.SessionState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What analytics knows of a session (bazaar.sessions.v1 read model). */
public record SessionInfo(UUID sessionId, long creatorId, String creatorUsername, String title, String status,
                          Instant startedAt, Instant endedAt, Instant createdAt, Instant updatedAt,
                          List<UUID> productIds, UUID activeProductId, List<UUID> featuredProductIds) {

    public static final String DELETED = "deleted";

    public boolean deleted() {
        return DELETED.equals(status);
    }

    public boolean live() {
        return SessionState.STATUS_LIVE.equals(status);
    }

    /** The viewer identity the creator has in their own room (never counted as a viewer). */
    public String creatorViewerId() {
        return "user:" + creatorId;
    }
}
