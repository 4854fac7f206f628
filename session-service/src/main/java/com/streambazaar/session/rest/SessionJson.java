package com.streambazaar.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.service.SessionCard;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(name = "Session", requiredProperties = {"id", "title", "description", "category", "tags", "status", "streamUrl",
        "agoraChannelName", "scheduledAt", "startedAt", "endedAt", "creatorId", "activeProductId", "reactionCounts",
        "createdAt", "updatedAt", "creator"})
public record SessionJson(UUID id, @Schema(examples = "Autumn drop") String title,
                          @Schema(nullable = true) String description, @Schema(nullable = true) String category,
                          List<String> tags, @Schema(enumeration = {"scheduled", "live", "paused", "ended"}) String status, @Schema(nullable = true) String streamUrl,
                          @Schema(description = "Only for the owner") @JsonInclude(JsonInclude.Include.NON_NULL)
                          String streamKey,
                          String agoraChannelName, @Schema(nullable = true) Instant scheduledAt,
                          @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant endedAt,
                          long creatorId, @Schema(nullable = true) UUID activeProductId,
                          Map<String, Long> reactionCounts, Instant createdAt, Instant updatedAt, CreatorCard creator) {

    /** The {@code creator} block: username and role may be null while the user is not known here yet. */
    @Schema(name = "SessionCreator", requiredProperties = {"id", "username", "role"})
    public record CreatorCard(long id, @Schema(nullable = true) String username,
                              @Schema(nullable = true) String role) {
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
