package com.streambazaar.realtime.rest;

/** Request bodies of the chat routes. */
public final class ChatRequests {

    private ChatRequests() {
    }

    /** {@code POST /api/sessions/{sid}/chat}. */
    public record SendMessage(String message) {
    }

    /** {@code PUT /api/sessions/{sid}/chat/settings}: absent fields are kept. */
    public record UpdateSettings(Integer slowModeSeconds, Boolean guestChat) {
    }

    /** {@code POST /api/sessions/{sid}/chat/timeouts}. */
    public record Timeout(Long userId, Integer durationSeconds, String reason) {
    }

    /** {@code POST /api/sessions/{sid}/chat/bans}. */
    public record Ban(Long userId, String reason) {
    }
}
