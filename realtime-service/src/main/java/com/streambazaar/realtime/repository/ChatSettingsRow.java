package com.streambazaar.realtime.repository;

import java.util.UUID;

/** A session's chat settings (defaults when the session has no row: no slow mode, guests may chat). */
public record ChatSettingsRow(UUID sessionId, int slowModeSeconds, boolean guestChat) {

    public static ChatSettingsRow defaults(UUID sessionId) {
        return new ChatSettingsRow(sessionId, 0, true);
    }
}
