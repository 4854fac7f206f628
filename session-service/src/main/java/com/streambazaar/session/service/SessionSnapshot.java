package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.SessionState;

import java.util.List;
import java.util.UUID;

/**
 * A session's complete state at one moment, read once after a change: the same snapshot becomes the event's data
 * ({@link #toState()}) and the answer to the client ({@link #card()}).
 *
 * @param productIds         the session's products in display order
 * @param featuredProductIds the featured ones among them, in display order
 * @param activeProduct      the showcased product's card, or null
 */
public record SessionSnapshot(SessionCard card, List<UUID> productIds, List<UUID> featuredProductIds,
                              ProductState activeProduct) {

    /** The data of a {@code bazaar.sessions.v1} event. */
    public SessionState toState() {
        SessionCard c = card;
        return new SessionState(c.id(), c.title(), c.description(), c.category(), c.tags(), c.status().wire(),
                c.agoraChannelName(), c.scheduledAt(), c.startedAt(), c.endedAt(), c.creatorId(),
                c.creator().username(), c.activeProductId(), activeProduct, productIds, c.createdAt(), c.updatedAt(),
                featuredProductIds);
    }
}
