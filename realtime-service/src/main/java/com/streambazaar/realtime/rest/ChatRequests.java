package com.streambazaar.realtime.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the chat routes. */
public final class ChatRequests {

    private ChatRequests() {
    }

    /** {@code POST /api/sessions/{sid}/chat}. */
    @Schema(name = "SendChatMessageRequest")
    public record SendMessage(@Schema(required = true, minLength = 1, maxLength = 500, examples = "Does it come in blue?")
                              String message) {
    }

    /** {@code PUT /api/sessions/{sid}/chat/settings}: absent fields are kept. */
    @Schema(name = "ChatSettingsRequest")
    public record UpdateSettings(@Schema(minimum = "0", description = "Seconds between two messages of one author; 0 = off")
                                 Integer slowModeSeconds, Boolean guestChat) {
    }

    /** {@code POST /api/sessions/{sid}/chat/timeouts}. */
    @Schema(name = "ChatTimeoutRequest")
    public record Timeout(@Schema(required = true) Long userId,
                          @Schema(required = true, minimum = "1", maximum = "604800") Integer durationSeconds,
                          @Schema(maxLength = 200) String reason) {
    }

    /** {@code POST /api/sessions/{sid}/chat/bans}. */
    @Schema(name = "ChatBanRequest")
    public record Ban(@Schema(required = true) Long userId, @Schema(maxLength = 200) String reason) {
    }
}
