package com.streambazaar.session.rest;

import java.time.Instant;
import java.util.UUID;

/** A product's place in a session. */
public record SessionProductJson(UUID id, UUID sessionId, UUID productId, boolean featured, int displayOrder,
                                 Instant createdAt, ProductJson product) {
}
