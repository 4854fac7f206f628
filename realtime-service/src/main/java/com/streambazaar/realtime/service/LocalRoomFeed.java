package com.streambazaar.realtime.service;

import java.time.Instant;
import java.util.UUID;

/**
 * What services tell this replica's rooms after a change committed (the other replicas learn it from Kafka). The room
 * engine implements it.
 */
public interface LocalRoomFeed {

    void chatPosted(ChatMessageView.NewMessage message);

    void chatDeleted(UUID sessionId, UUID messageId);

    void chatSettingsChanged(UUID sessionId, int slowModeSeconds, boolean guestChat);

    /** {@code kind} timeout, ban or lifted. */
    void userRestricted(UUID sessionId, long userId, String kind, Instant until);
}
