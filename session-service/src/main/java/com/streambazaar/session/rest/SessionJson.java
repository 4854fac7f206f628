package com.streambazaar.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.service.SessionCard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A session as clients see it in lists and after writes. {@code streamKey} is present only when the caller owns
 * the session. {@code reactionCounts} is always empty here: reaction tallies belong to analytics-service.
 */
@JsonPropertyOrder({"id", "title", "description", "category", "tags", "status", "streamUrl", "streamKey",
        "agoraChannelName", "scheduledAt", "startedAt", "endedAt", "creatorId", "activeProductId", "reactionCounts",
        "createdAt", "updatedAt", "creator"})
public record SessionJson(UUID id, String title, String description, String category, List<String> tags,
                          String status, String streamUrl,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String streamKey,
                          String agoraChannelName, Instant scheduledAt, Instant startedAt, Instant endedAt,
                          long creatorId, UUID activeProductId, Map<String, Long> reactionCounts, Instant createdAt,
                          Instant updatedAt, CreatorCard creator) {

    /** The {@code creator} block: username and role may be null while the user is not known here yet. */
    public record CreatorCard(long id, String username, String role) {
    }

    public static SessionJson of(SessionCard s, Optional<Caller> caller) {
        boolean owner = caller.map(c -> c.userId() == s.creatorId()).orElse(false);
        SessionCard.Creator creator = s.creator();
        // until the users read model knows the creator, the owner's own token names them
        String username = creator.username() == null && owner ? caller.get().username() : creator.username();
        String role = creator.role() == null && owner ? caller.get().role() : creator.role();
        return new SessionJson(s.id(), s.title(), s.description(), s.category(), s.tags(), s.status().wire(),
                s.streamUrl(), owner ? s.streamKey() : null, s.agoraChannelName(), s.scheduledAt(), s.startedAt(),
                s.endedAt(), s.creatorId(), s.activeProductId(), Map.of(), s.createdAt(), s.updatedAt(),
                new CreatorCard(creator.id(), username, role));
    }

    public static List<SessionJson> of(List<SessionCard> sessions, Optional<Caller> caller) {
        return sessions.stream().map(s -> of(s, caller)).toList();
    }
}
