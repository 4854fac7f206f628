package com.streambazaar.session.rest;

import com.streambazaar.session.service.SessionProductItem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A product's place in a session. */
@Schema(name = "SessionProduct", requiredProperties = {"id", "sessionId", "productId", "featured", "displayOrder",
        "createdAt", "product"})
public record SessionProductJson(UUID id, UUID sessionId, UUID productId, boolean featured, int displayOrder,
                                 Instant createdAt, ProductJson product) {

    public static SessionProductJson of(SessionProductItem item) {
        return new SessionProductJson(item.id(), item.sessionId(), item.productId(), item.featured(),
                item.displayOrder(), item.createdAt(), ProductJson.of(item.product()));
    }
}
