package com.streambazaar.catalog.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.catalog.repository.SellerRepository;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.UserState;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Keeps the seller read model from {@code bazaar.users.v1}: each event carries the user's full public state. A
 * deactivated user's products leave the catalog (kept, not deleted) in the same transaction as the seller row; only a
 * newer state changes anything, so a late, older event cannot bring them back.
 */
@ApplicationScoped
public class SellerProjection {

    static final String CONSUMER = "catalog-seller-projection";
    private static final Set<String> USER_STATES = Set.of(UserState.REGISTERED, UserState.UPDATED, UserState.DEACTIVATED);

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
            if (!USER_STATES.contains(envelope.type())) {
                return Uni.createFrom().voidItem();
            }
            UserState user = json.data(envelope, UserState.class);
            if (user.username() == null || user.role() == null || user.updatedAt() == null) {
                throw new MalformedEventException("user event " + envelope.eventId() + " lacks username, role or updatedAt");
            }
            boolean active = active(envelope);
            return sellers.upsertIfNewer(user.id(), user.username(), user.role(), active,
                            active ? null : user.deactivatedAt() != null ? user.deactivatedAt() : user.updatedAt(),
                            user.createdAt(), user.updatedAt())
                    .chain(written -> {
                        if (written == 0) {
                            Log.debugf("Ignored an older state of user %d", user.id());
                            return Uni.createFrom().voidItem();
                        }
                        return sellers.productsFollow(user.id(), active).invoke(changed -> {
                            if (changed > 0) {
                                Log.infof("%s %d product(s) of user %d", active ? "Listed again" : "Hid", changed,
                                        user.id());
                            }
                        }).replaceWithVoid();
                    });
        });
    }

    /**
     * user.deactivated is inactive whatever its data says. Otherwise {@code active} decides; events written before the
     * field existed have none and were about accounts in use (a missing boolean must not read as false).
     */
    static boolean active(EventEnvelope envelope) {
        if (UserState.DEACTIVATED.equals(envelope.type())) {
            return false;
        }
        JsonNode active = envelope.data() == null ? null : envelope.data().get("active");
        if (active == null || active.isNull()) {
            return true;
        }
        if (!active.isBoolean()) {
            throw new MalformedEventException("user event " + envelope.eventId() + " has a non-boolean 'active'");
        }
        return active.booleanValue();
    }
}
