package com.streambazaar.realtime.repository;

import java.time.Instant;
import java.util.UUID;

/** A time-out ({@code until} set) or ban ({@code until} null) of one user from one session's chat. */
public record ChatRestrictionRow(UUID id, UUID sessionId, long userId, String kind, Instant until, String reason,
                                 long createdBy, Instant createdAt) {

    public static final String TIMEOUT = "timeout";
    public static final String BAN = "ban";
}
