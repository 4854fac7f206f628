package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code chat.settings-changed} on {@code bazaar.chat.v1} (key = session id): the session's chat settings
 * after a moderator changed them.
 *
 * @param slowModeSeconds least seconds between two messages of one author (0 = off)
 * @param guestChat       whether guests (no credentials) may chat
 * @param changedBy       the moderator's user id
 */
public record ChatSettingsChanged(UUID sessionId, int slowModeSeconds, boolean guestChat, long changedBy, Instant at) {

    public static final String TYPE = "chat.settings-changed";
}
