package com.streambazaar.realtime.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.streambazaar.realtime.repository.ChatMessageRow;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat message as REST clients read it (API.md ChatMessage): {@code user} null and {@code guestName} set for a
 * guest.
 */
public record ChatMessageView(UUID id, UUID sessionId, Long userId, String message, Instant createdAt, Author user,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String guestName) {

    public record Author(long id, String username, String role) {
    }

    public static ChatMessageView of(ChatMessageRow row) {
        return new ChatMessageView(row.id(), row.sessionId(), row.userId(), row.message(), row.createdAt(),
                row.userId() == null ? null : new Author(row.userId(), row.username(), row.authorRole()),
                row.userId() == null ? row.guestName() : null);
    }

    /** The {@code new-message} payload rooms receive: {@code {id, message, userId, userName, sessionId, createdAt}}. */
    public NewMessage asNewMessage() {
        return new NewMessage(id, message, userId, user != null ? user.username() : guestName, sessionId, createdAt,
                userId == null);
    }

    /** {@code new-message}; {@code guest} is extra (clients that do not know it ignore it). */
    public record NewMessage(UUID id, String message, Long userId, String userName, UUID sessionId, Instant createdAt,
                             boolean guest) {
    }
}
