package com.streambazaar.realtime.repository;

import java.time.Instant;
import java.util.UUID;

/** One stored chat message. {@code userId}, {@code username}, {@code authorRole} are null for a guest. */
public record ChatMessageRow(UUID id, UUID sessionId, Long userId, String username, String authorRole,
                             String guestName, String viewerId, String message, Instant createdAt) {
}
