package com.streambazaar.catalog.service;

import com.streambazaar.catalog.repository.SellerRepository;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.UserState;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The seller read model from {@code bazaar.users.v1}: each event carries the user's full public state. Order-safe
 * (only a newer {@code updatedAt} changes the row, so a late, older event cannot revive anyone) and a deactivated
 * seller stays as a row (a tombstone of sorts): their products leave the catalog, kept, in the same transaction.
 * Runs in the consumer's transaction.
 */
@ApplicationScoped
public class SellerProjection {

    private final SellerRepository sellers;

    public SellerProjection(SellerRepository sellers) {
        this.sellers = sellers;
    }

    /** user.registered, user.updated or user.deactivated. */
    public Uni<Void> apply(EventEnvelope envelope, UserState user) {
        if (user.username() == null || user.role() == null || user.updatedAt() == null) {
            throw new MalformedEventException("user event " + envelope.eventId() + " lacks username, role or updatedAt");
        }
        boolean active = active(envelope.type(), user);
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
                            Log.infof("%s %d product(s) of user %d", active ? "Listed again" : "Hid", changed, user.id());
                        }
                    }).replaceWithVoid();
                });
    }

    /**
     * user.deactivated is inactive whatever its data says; otherwise {@code active} decides. Events written before
     * that field existed have none and were about accounts in use ({@link UserState} reads a missing one as true).
     */
    static boolean active(String type, UserState user) {
        return !UserState.DEACTIVATED.equals(type) && Boolean.TRUE.equals(user.active());
    }
}
