package com.streambazaar.catalog.service;

import com.streambazaar.catalog.repository.Product;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes a product's full state on {@code bazaar.products.v1}, keyed by product id, through the outbox. */
@ApplicationScoped
public class ProductEvents {

    private final Outbox outbox;

    public ProductEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Must run inside the transaction of the change it describes. */
    public Uni<EventEnvelope> publish(String type, Product product) {
        return outbox.publish(Topics.PRODUCTS, type, product.id.toString(), state(product));
    }

    static ProductState state(Product product) {
        return new ProductState(product.id, product.name, product.description, product.price,
                product.originalPrice, product.category, product.inStock, product.stock, product.imageUrl,
                product.sellerId, product.createdAt, product.updatedAt);
    }
}
