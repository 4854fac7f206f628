package com.streambazaar.session.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.streambazaar.common.security.Caller;
import com.streambazaar.session.service.SessionDetails;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code GET /api/sessions/:id}: the session plus its showcased product and its products in display order. */
@JsonPropertyOrder({"id", "title", "description", "category", "tags", "status", "streamUrl", "streamKey",
        "agoraChannelName", "scheduledAt", "startedAt", "endedAt", "creatorId", "activeProductId", "reactionCounts",
        "createdAt", "updatedAt", "creator", "activeProduct", "products"})
@Schema(name = "SessionDetail", description = "A session with its showcased product and its products in display order",
        requiredProperties = {"id", "title", "description", "category", "tags", "status", "streamUrl",
                "agoraChannelName", "scheduledAt", "startedAt", "endedAt", "creatorId", "activeProductId",
                "reactionCounts", "createdAt", "updatedAt", "creator", "activeProduct", "products"})
public record SessionDetailJson(UUID id, @Schema(examples = "Autumn drop") String title,
                                @Schema(nullable = true) String description, @Schema(nullable = true) String category,
                                List<String> tags, @Schema(enumeration = {"scheduled", "live", "paused", "ended"}) String status, @Schema(nullable = true) String streamUrl,
                                @Schema(description = "Only for the owner") @JsonInclude(JsonInclude.Include.NON_NULL)
                                String streamKey,
                                String agoraChannelName, @Schema(nullable = true) Instant scheduledAt,
                                @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant endedAt,
                                long creatorId, @Schema(nullable = true) UUID activeProductId,
                                Map<String, Long> reactionCounts, Instant createdAt, Instant updatedAt, SessionJson.CreatorCard creator,
                                @Schema(nullable = true) ProductJson activeProduct, List<ProductJson> products) {

    public static SessionDetailJson of(SessionDetails details, Optional<Caller> caller) {
        SessionJson s = SessionJson.of(details.snapshot().card(), caller);
        return new SessionDetailJson(s.id(), s.title(), s.description(), s.category(), s.tags(), s.status(),
                s.streamUrl(), s.streamKey(), s.agoraChannelName(), s.scheduledAt(), s.startedAt(), s.endedAt(),
                s.creatorId(), s.activeProductId(), s.reactionCounts(), s.createdAt(), s.updatedAt(), s.creator(),
                ProductJson.of(details.snapshot().activeProduct()),
                details.products().stream().map(ProductJson::of).toList());
    }
}
