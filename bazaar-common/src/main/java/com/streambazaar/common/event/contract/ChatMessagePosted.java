package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code chat.message-posted} on {@code bazaar.chat.v1} (key = session id): a chat message that was stored
 * in realtime-service's history (it is persisted before anyone sees it).
 *
 * @param messageId the stored message's id (sorts by time)
 * @param userId    the author, or {@code null} for a guest
 * @param username  the author's name, or {@code null} for a guest
 * @param guestName the name shown for a guest, or {@code null}
 * @param viewerId  the author's viewer identity (see {@link ViewerPresence#viewerId()})
 */
public record ChatMessagePosted(UUID messageId, UUID sessionId, Long userId, String username, String guestName,
                                String viewerId, String message, Instant at) {

    public static final String TYPE = "chat.message-posted";
}
