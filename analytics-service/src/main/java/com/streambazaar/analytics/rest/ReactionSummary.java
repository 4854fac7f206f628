package com.streambazaar.analytics.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/sessions/:id/reactions} data, as the seed system's clients read it. */
public record ReactionSummary(UUID sessionId, String sessionStatus, boolean isLive, Map<String, Long> reactions,
                              List<TypeCount> sortedReactions, long total) {

    public record TypeCount(String type, long count) {
    }
}
