package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.List;
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
    /** The reactions clients may send (API.md), in display order; the existing web app sends {@code love}. */
    public static final List<String> TYPE_ORDER = List.of("like", "love", "heart", "fire", "clap", "wow", "laugh");
    public static final Set<String> TYPES = Set.copyOf(TYPE_ORDER);
}
