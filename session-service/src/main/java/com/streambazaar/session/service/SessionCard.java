package com.streambazaar.session.service;

import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.repository.StreamSession;
import com.streambazaar.session.repository.UserCard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session as every answer about it shows it: its own fields and its creator's card. {@code streamKey} is here for
 * the owner; the REST layer shows it to nobody else.
 */
public record SessionCard(UUID id, String title, String description, String category, List<String> tags,
                          SessionStatus status, String streamUrl, String streamKey, String agoraChannelName,
                          Instant scheduledAt, Instant startedAt, Instant endedAt, long creatorId, Creator creator,
                          UUID activeProductId, Instant createdAt, Instant updatedAt) {

    /**
     * The creator as the users read model knows them; until it does, the name they had when creating the session and
     * no role.
     */
    public record Creator(long id, String username, String role) {
    }

    static SessionCard of(StreamSession s, UserCard creator) {
        Creator card = creator != null ? new Creator(s.creatorId, creator.username, creator.role)
                : new Creator(s.creatorId, s.creatorUsername, null);
        return new SessionCard(s.id, s.title, s.description, s.category, List.copyOf(s.tags), s.status, s.streamUrl,
                s.streamKey, s.agoraChannelName, s.scheduledAt, s.startedAt, s.endedAt, s.creatorId, card,
                s.activeProductId, s.createdAt, s.updatedAt);
    }
}
