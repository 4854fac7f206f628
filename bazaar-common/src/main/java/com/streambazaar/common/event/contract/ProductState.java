package com.streambazaar.common.event.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code bazaar.products.v1} events: the product's full state (for {@code product.deleted}, its last
 * state), keyed by product id, so consumers keep product cards from the latest event alone.
 *
 * @param stock optional quantity; {@code null} when the seller does not track stock
 */
public record ProductState(UUID id, String name, String description, BigDecimal price, BigDecimal originalPrice,
                           String category, boolean inStock, Integer stock, String imageUrl, long sellerId,
                           Instant createdAt, Instant updatedAt) {

    public static final String CREATED = "product.created";
    public static final String UPDATED = "product.updated";
    public static final String DELETED = "product.deleted";
    /** Stock reached 0 and the product turned out of stock; live sessions show it sold out. */
    public static final String SOLD_OUT = "product.sold-out";
}
