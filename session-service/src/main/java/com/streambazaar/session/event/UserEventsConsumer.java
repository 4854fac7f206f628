package com.streambazaar.session.event;

import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.session.service.DeactivatedCreators;
import com.streambazaar.session.service.UserCardProjection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the user cards (creator names on sessions) from {@code bazaar.users.v1}; ends a deactivated creator's shows. */
@ApplicationScoped
public class UserEventsConsumer {

    private final IdempotentConsumer consumer;
    private final EventJson json;
    private final UserCardProjection projection;
    private final DeactivatedCreators deactivated;

    public UserEventsConsumer(IdempotentConsumer consumer, EventJson json, UserCardProjection projection,
                              DeactivatedCreators deactivated) {
        this.consumer = consumer;
        this.json = json;
        this.projection = projection;
        this.deactivated = deactivated;
    }

    @Incoming("users")
    public Uni<Void> onUserEvent(String record) {
        return consumer.consume("user-cards", record, envelope -> switch (envelope.type()) {
            case UserState.REGISTERED, UserState.UPDATED -> projection.apply(json.data(envelope, UserState.class));
            case UserState.DEACTIVATED -> {
                UserState user = json.data(envelope, UserState.class);
                yield projection.apply(user).chain(() -> deactivated.endSessionsOf(user));
            }
            default -> Uni.createFrom().voidItem();
        });
    }
}
