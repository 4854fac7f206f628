package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code chat.user-restricted} on {@code bazaar.chat.v1} (key = session id): the session's creator or an admin
 * timed a signed-in user out of the session's chat ({@code kind = timeout}, until {@code until}) or banned them
 * ({@code kind = ban}, {@code until} null). Published by realtime-service, which enforces it on every replica.
 *
 * @param restrictedBy the moderator's user id
 */
public record ChatUserRestricted(UUID sessionId, long userId, String kind, Instant until, String reason,
                                 long restrictedBy, Instant at) {

    public static final String TYPE = "chat.user-restricted";
    public static final String KIND_TIMEOUT = "timeout";
    public static final String KIND_BAN = "ban";
}
