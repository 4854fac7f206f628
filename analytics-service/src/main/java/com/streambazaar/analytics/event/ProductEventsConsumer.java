package com.streambazaar.analytics.event;

import com.streambazaar.analytics.service.ProductProjection;
import com.streambazaar.common.event.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Product states from catalog-service (bazaar.products.v1), for product names. */
@ApplicationScoped
public class ProductEventsConsumer {

    private final IdempotentConsumer consumer;
    private final ProductProjection projection;

    public ProductEventsConsumer(IdempotentConsumer consumer, ProductProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming("products")
    public Uni<Void> onProductEvents(List<String> records) {
        return consumer.consumeBatch("product-cards", records, projection::apply);
    }
}
