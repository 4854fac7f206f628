package com.streambazaar.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request bodies of the admin routes of /api/users. Unknown fields are ignored; wrong JSON types are a 400. */
public final class UserRequests {

    private UserRequests() {
    }

    /** @param role viewer (when left out), creator or admin */
    @RegisterForReflection
    public record Create(String username, String email, String password, String role) {
    }

    /** Every field optional. {@code password} is here only to refuse it: an admin never sets someone's password. */
    @RegisterForReflection
    public record Change(String username, String email, String role, String password) {
    }
}
