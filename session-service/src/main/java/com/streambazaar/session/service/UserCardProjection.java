package com.streambazaar.session.service;

import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.session.repository.UserCardRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The users read model (creator cards) from {@code bazaar.users.v1}. Order-safe: only a newer state replaces a card,
 * and a deactivated account stays deactivated. Runs in the consumer's transaction.
 */
@ApplicationScoped
public class UserCardProjection {

    private final UserCardRepository users;

    public UserCardProjection(UserCardRepository users) {
        this.users = users;
    }

    public Uni<Void> apply(UserState state) {
        if (state.id() < 1 || state.username() == null || state.role() == null || state.updatedAt() == null) {
            throw new MalformedEventException("user state lacks id, username, role or updatedAt");
        }
        return users.upsert(state).replaceWithVoid();
    }
}
