package com.streambazaar.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.streambazaar.auth.model.LiveSession;
import com.streambazaar.auth.model.User;
import com.streambazaar.auth.service.UserDirectory;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How users look to clients. Only {@link OwnUser} and {@link UpdatedOwnUser} carry an email: the caller's own, or
 * any account's for an admin managing it.
 */
public final class UserViews {

    private UserViews() {
    }

    @RegisterForReflection
    @Schema(description = "The caller's own account (or, for an admin, the account managed)",
            requiredProperties = {"id", "username", "email", "role", "createdAt", "updatedAt"})
    public record OwnUser(@Schema(examples = "42") long id, @Schema(examples = "alice_shop") String username,
                          @Schema(examples = "alice@example.com") String email,
                          @Schema(enumeration = {"viewer", "creator", "admin"}) String role, Instant createdAt,
                          Instant updatedAt) {
        public static OwnUser of(User user) {
            return new OwnUser(user.id, user.username, user.email, user.role, user.createdAt, user.updatedAt);
        }
    }

    /** The own user after a self-service update; {@code accessToken} only when the role changed (it carries the role). */
    @RegisterForReflection
    @Schema(requiredProperties = {"id", "username", "email", "role", "createdAt", "updatedAt"})
    public record UpdatedOwnUser(long id, String username, String email, String role, Instant createdAt,
                                 Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String accessToken) {
        public static UpdatedOwnUser of(User user, String accessToken) {
            return new UpdatedOwnUser(user.id, user.username, user.email, user.role, user.createdAt, user.updatedAt,
                    accessToken);
        }
    }

    @RegisterForReflection
    @Schema(description = "A public profile: never an email", requiredProperties = {"id", "username", "role", "createdAt"})
    public record PublicUser(@Schema(examples = "42") long id, @Schema(examples = "alice_shop") String username,
                             @Schema(enumeration = {"viewer", "creator", "admin"}) String role, Instant createdAt) {
        public static PublicUser of(User user) {
            return new PublicUser(user.id, user.username, user.role, user.createdAt);
        }
    }

    /** Register, login and refresh answer with the user and a fresh token pair. */
    @RegisterForReflection
    @Schema(requiredProperties = {"user", "accessToken", "refreshToken"})
    public record SignedIn(OwnUser user,
                           @Schema(description = "RS256 JWT for Authorization: Bearer, valid 15 minutes",
                                   examples = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImRldi0xIn0.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl")
                           String accessToken,
                           @Schema(description = "Opaque, single-use, valid 7 days: trade it at /api/auth/refresh-token",
                                   examples = "oZ3l2Qm0x4d8rVgq3E1wY6sTn9bK5cHfJ7uA0pLzX2M") String refreshToken) {
    }

    @RegisterForReflection
    public record LiveSessionCard(UUID id, String title, String description, String category, List<String> tags,
                                  String status, Instant startedAt, String agoraChannelName) {
    }

    @RegisterForReflection
    @Schema(requiredProperties = {"id", "username", "role", "createdAt", "liveSession"})
    public record LiveUser(long id, String username, String role, Instant createdAt, LiveSessionCard liveSession) {
        public static LiveUser of(UserDirectory.LiveHost host) {
            User user = host.user();
            LiveSession session = host.session();
            return new LiveUser(user.id, user.username, user.role, user.createdAt,
                    new LiveSessionCard(session.sessionId, session.title, session.description, session.category,
                            host.tags(), session.status, session.startedAt, session.agoraChannelName));
        }
    }
}
