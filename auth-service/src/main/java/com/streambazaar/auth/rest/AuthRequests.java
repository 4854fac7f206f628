package com.streambazaar.auth.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request bodies of /api/auth. Unknown fields are ignored; wrong JSON types are refused with 400 before these exist. */
public final class AuthRequests {

    private AuthRequests() {
    }

    /** @param role {@code viewer} or {@code creator}; without it the configured default role */
    @RegisterForReflection
    public record Register(String username, String email, String password, String role) {
    }

    /** Existing clients send the username or the email in {@code username}; {@code email} is accepted too. */
    @RegisterForReflection
    public record Login(String username, String email, String password) {
    }

    @RegisterForReflection
    public record Refresh(String refreshToken) {
    }

    @RegisterForReflection
    public record Logout(String refreshToken) {
    }

    /**
     * Every field optional; changing {@code password} or {@code email} needs {@code currentPassword}; {@code role} is
     * {@code viewer} or {@code creator}.
     */
    @RegisterForReflection
    public record Update(String username, String email, String password, String currentPassword, String role) {
    }
}
