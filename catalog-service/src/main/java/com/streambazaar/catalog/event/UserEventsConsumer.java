package com.streambazaar.catalog.event;

import com.streambazaar.catalog.service.SellerProjection;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.UserState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code bazaar.users.v1} → the seller read model ({@link SellerProjection}). */
@ApplicationScoped
public class UserEventsConsumer {

    /** The name the processed-event log knows this handler by: renaming it would apply every past event again. */
    static final String CONSUMER = "catalog-seller-projection";

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final SellerProjection sellers;

    public UserEventsConsumer(IdempotentConsumer consumer, EventJson json, SellerProjection sellers) {
        this.consumer = consumer;
        this.json = json;
        this.sellers = sellers;
    }

    @Incoming("users")
    public Uni<Void> onUser(String record) {
        return consumer.consume(CONSUMER, record, envelope -> switch (envelope.type()) {
            case UserState.REGISTERED, UserState.UPDATED, UserState.DEACTIVATED ->
                    sellers.apply(envelope, json.data(envelope, UserState.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
