package com.streambazaar.realtime.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of the {@code session_room} read model. */
public record SessionRoomRow(UUID sessionId, long creatorId, String status, List<UUID> productIds, String channelName,
                             Instant updatedAt, Instant deletedAt) {
}
