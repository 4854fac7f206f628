package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.session.repository.SessionProduct;

import java.time.Instant;
import java.util.UUID;

/** A product's place in a session, with the product (null when it has been deleted meanwhile). */
public record SessionProductItem(UUID id, UUID sessionId, UUID productId, boolean featured, int displayOrder,
                                 Instant createdAt, ProductState product) {

    static SessionProductItem of(SessionProduct link, ProductState product) {
        return new SessionProductItem(link.id, link.sessionId, link.productId, link.featured, link.displayOrder,
                link.createdAt, product);
    }
}
