package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code chat.message-deleted} on {@code bazaar.chat.v1} (key = session id): a moderator removed a message. */
public record ChatMessageDeleted(UUID messageId, UUID sessionId, long deletedBy, Instant at) {

    public static final String TYPE = "chat.message-deleted";
}
