package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of every {@code bazaar.sessions.v1} event: the session's full state after the change, keyed by session id.
 * The event type says what changed; consumers that keep a read model simply take the newest state.
 *
 * @param activeProduct      the showcased product's card, or {@code null}
 * @param productIds         the session's products in display order
 * @param featuredProductIds the products the creator marked featured, in display order (absent in events written
 *                           before the field existed: read as none)
 */
public record SessionState(UUID id, String title, String description, String category, List<String> tags,
                           String status, String agoraChannelName, Instant scheduledAt, Instant startedAt,
                           Instant endedAt, long creatorId, String creatorUsername, UUID activeProductId,
                           ProductState activeProduct, List<UUID> productIds, Instant createdAt, Instant updatedAt,
                           List<UUID> featuredProductIds) {

    public SessionState {
        featuredProductIds = featuredProductIds == null ? List.of() : featuredProductIds;
    }

    /** A state without featured products (for producers and tests that do not feature any). */
    public SessionState(UUID id, String title, String description, String category, List<String> tags,
                        String status, String agoraChannelName, Instant scheduledAt, Instant startedAt,
                        Instant endedAt, long creatorId, String creatorUsername, UUID activeProductId,
                        ProductState activeProduct, List<UUID> productIds, Instant createdAt, Instant updatedAt) {
        this(id, title, description, category, tags, status, agoraChannelName, scheduledAt, startedAt, endedAt,
                creatorId, creatorUsername, activeProductId, activeProduct, productIds, createdAt, updatedAt, List.of());
    }

    public static final String CREATED = "session.created";
    public static final String UPDATED = "session.updated";
    public static final String STARTED = "session.started";
    public static final String PAUSED = "session.paused";
    public static final String RESUMED = "session.resumed";
    public static final String ENDED = "session.ended";
    public static final String DELETED = "session.deleted";
    public static final String PRODUCT_SHOWCASED = "session.product-showcased";
    public static final String SHOWCASE_CLEARED = "session.showcase-cleared";
    public static final String PRODUCTS_CHANGED = "session.products-changed";

    public static final String STATUS_SCHEDULED = "scheduled";
    public static final String STATUS_LIVE = "live";
    public static final String STATUS_PAUSED = "paused";
    public static final String STATUS_ENDED = "ended";
}
