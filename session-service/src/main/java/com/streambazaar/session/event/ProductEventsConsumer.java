package com.streambazaar.session.event;

import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.session.service.ProductCardProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the product cards from {@code bazaar.products.v1}; a deleted product leaves every session. */
@ApplicationScoped
public class ProductEventsConsumer {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final ProductCardProjection projection;

    public ProductEventsConsumer(IdempotentConsumer consumer, EventJson json, ProductCardProjection projection) {
        this.consumer = consumer;
        this.json = json;
        this.projection = projection;
    }

    @Incoming("products")
    public Uni<Void> onProductEvent(String record) {
        return consumer.consume("product-cards", record, envelope -> switch (envelope.type()) {
            case ProductState.CREATED, ProductState.UPDATED, ProductState.SOLD_OUT ->
                    projection.changed(json.data(envelope, ProductState.class));
            case ProductState.DELETED -> projection.deleted(json.data(envelope, ProductState.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
