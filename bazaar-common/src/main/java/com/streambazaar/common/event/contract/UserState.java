package com.streambazaar.common.event.contract;

import java.time.Instant;

/**
 * Data of {@code bazaar.users.v1} events ({@code user.registered}, {@code user.updated}): the user's full public
 * state, so a consumer's read model can be rebuilt from the latest event alone. Never carries email or password.
 */
public record UserState(long id, String username, String role, Instant createdAt, Instant updatedAt) {

    public static final String REGISTERED = "user.registered";
    public static final String UPDATED = "user.updated";
}
