package com.streambazaar.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
}
