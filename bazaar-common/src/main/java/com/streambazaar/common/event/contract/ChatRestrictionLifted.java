package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code chat.restriction-lifted} on {@code bazaar.chat.v1} (key = session id): a moderator lifted the user's
 * time-out or ban in the session's chat.
 */
public record ChatRestrictionLifted(UUID sessionId, long userId, long liftedBy, Instant at) {

    public static final String TYPE = "chat.restriction-lifted";
}
