package com.streambazaar.catalog.event;

import com.streambazaar.catalog.repository.SellerRepository;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.UserState;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the seller read model from {@code bazaar.users.v1}: each event carries the user's full public state. */
@ApplicationScoped
public class SellerProjection {

    static final String CONSUMER = "catalog-seller-projection";

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final SellerRepository sellers;

    public SellerProjection(IdempotentConsumer consumer, EventJson json, SellerRepository sellers) {
        this.consumer = consumer;
        this.json = json;
        this.sellers = sellers;
    }

    @Incoming("users")
    public Uni<Void> onUser(String record) {
        return consumer.consume(CONSUMER, record, envelope -> {
            if (!UserState.REGISTERED.equals(envelope.type()) && !UserState.UPDATED.equals(envelope.type())) {
                return Uni.createFrom().voidItem();
            }
            UserState user = json.data(envelope, UserState.class);
            if (user.username() == null || user.role() == null || user.updatedAt() == null) {
                throw new MalformedEventException("user event " + envelope.eventId() + " lacks username, role or updatedAt");
            }
            return sellers.upsertIfNewer(user.id(), user.username(), user.role(), user.createdAt(), user.updatedAt())
                    .invoke(written -> {
                        if (written == 0) {
                            Log.debugf("Ignored an older state of user %d", user.id());
                        }
                    });
        });
    }
}
