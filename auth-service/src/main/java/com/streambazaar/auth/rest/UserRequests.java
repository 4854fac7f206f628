package com.streambazaar.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the admin routes of /api/users. Unknown fields are ignored; wrong JSON types are a 400. */
public final class UserRequests {

    private UserRequests() {
    }

    /** @param role viewer (when left out), creator or admin */
    @RegisterForReflection
    @Schema(name = "CreateUserRequest")
    public record Create(@Schema(required = true, minLength = 3, maxLength = 50, pattern = "^[A-Za-z0-9_.-]+$",
                                 examples = "alice_shop") String username,
                         @Schema(required = true, format = "email", examples = "alice@example.com") String email,
                         @Schema(required = true, minLength = 8, maxLength = 128, examples = "correct-horse-battery")
                         String password,
                         @Schema(enumeration = {"viewer", "creator", "admin"}, defaultValue = "viewer") String role) {
    }

    /** Every field optional. {@code password} is here only to refuse it: an admin never sets someone's password. */
    @RegisterForReflection
    @Schema(name = "UpdateUserRequest")
    public record Change(@Schema(minLength = 3, maxLength = 50) String username, @Schema(format = "email") String email,
                         @Schema(enumeration = {"viewer", "creator", "admin"}) String role,
                         @Schema(description = "Refused (400): an admin never sets another user's password")
                         String password) {
    }
}
