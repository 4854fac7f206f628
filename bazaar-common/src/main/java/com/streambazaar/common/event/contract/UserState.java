package com.streambazaar.common.event.contract;

import java.time.Instant;

/**
 * Data of {@code bazaar.users.v1} events: the user's full public state, so a consumer's read model can be rebuilt
 * from the latest event alone. Never carries email or password.
 *
 * @param active        false once an admin deactivated the account ({@link #DEACTIVATED}); the account's history
 *                      stays, but it can no longer sign in, sell or stream
 * @param deactivatedAt when it was deactivated, else {@code null}
 */
public record UserState(long id, String username, String role, Boolean active, Instant createdAt, Instant updatedAt,
                        Instant deactivatedAt) {

    public UserState {
        // events written before accounts could be deactivated carry no "active": they describe active accounts
        active = active == null ? Boolean.TRUE : active;
    }

    public static final String REGISTERED = "user.registered";
    public static final String UPDATED = "user.updated";
    /** An admin deleted the account: consumers end its live sessions and hide its products, keeping history. */
    public static final String DEACTIVATED = "user.deactivated";

    /** The state of an account that is in use. */
    public static UserState active(long id, String username, String role, Instant createdAt, Instant updatedAt) {
        return new UserState(id, username, role, true, createdAt, updatedAt, null);
    }
}
