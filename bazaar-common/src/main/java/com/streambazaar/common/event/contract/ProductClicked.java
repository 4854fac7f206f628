package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code product.clicked} on {@code bazaar.clicks.v1} (key = session id): a viewer clicked a product of the
 * session (checked against the session's products).
 *
 * @param userId   the signed-in viewer, or {@code null} for a guest
 * @param viewerId the viewer identity (see {@link ViewerPresence#viewerId()})
 */
public record ProductClicked(UUID sessionId, UUID productId, Long userId, String viewerId, Instant at) {

    public static final String TYPE = "product.clicked";
}
