package com.streambazaar.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of /api/auth. Unknown fields are ignored; wrong JSON types are refused with 400 before these exist. */
public final class AuthRequests {

    private AuthRequests() {
    }

    /** @param role {@code viewer} or {@code creator}; without it the configured default role */
    @RegisterForReflection
    @Schema(name = "RegisterRequest")
    public record Register(@Schema(required = true, minLength = 3, maxLength = 50, pattern = "^[A-Za-z0-9_.-]+$",
                                   examples = "alice_shop") String username,
                           @Schema(required = true, format = "email", examples = "alice@example.com") String email,
                           @Schema(required = true, minLength = 8, maxLength = 128, examples = "correct-horse-battery")
                           String password,
                           @Schema(enumeration = {"viewer", "creator"}, examples = "creator") String role) {
    }

    /** Existing clients send the username or the email in {@code username}; {@code email} is accepted too. */
    @RegisterForReflection
    @Schema(name = "LoginRequest", description = "username carries the username or the email")
    public record Login(@Schema(examples = "alice_shop") String username,
                        @Schema(description = "Accepted instead of username") String email,
                        @Schema(required = true, examples = "correct-horse-battery") String password) {
    }

    @RegisterForReflection
    @Schema(name = "RefreshTokenRequest")
    public record Refresh(@Schema(required = true, examples = "oZ3l2Qm0x4d8rVgq3E1wY6sTn9bK5cHfJ7uA0pLzX2M") String refreshToken) {
    }

    @RegisterForReflection
    @Schema(name = "LogoutRequest")
    public record Logout(@Schema(description = "Revoke this refresh token's login too") String refreshToken) {
    }

    /**
     * Every field optional; changing {@code password} or {@code email} needs {@code currentPassword}; {@code role} is
     * {@code viewer} or {@code creator}.
     */
    @RegisterForReflection
    @Schema(name = "UpdateOwnUserRequest")
    public record Update(@Schema(minLength = 3, maxLength = 50) String username, @Schema(format = "email") String email,
                         @Schema(minLength = 8, maxLength = 128) String password,
                         @Schema(description = "Required to change password or email") String currentPassword,
                         @Schema(enumeration = {"viewer", "creator"}) String role) {
    }
}
