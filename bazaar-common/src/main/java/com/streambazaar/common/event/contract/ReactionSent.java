package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Data of {@code reaction.sent} on {@code bazaar.reactions.v1} (key = session id): one viewer reaction.
 *
 * @param userId   the signed-in viewer, or {@code null} for a guest
 * @param viewerId the viewer identity (METRICS.md): user id, else device id, else connection id
 */
public record ReactionSent(UUID sessionId, String type, Long userId, String viewerId, Instant at) {

    public static final String SENT = "reaction.sent";
    public static final Set<String> TYPES = Set.of("like", "heart", "fire", "clap", "wow", "laugh");
}
