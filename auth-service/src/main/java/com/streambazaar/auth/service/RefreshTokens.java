package com.streambazaar.auth.service;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.auth.model.RefreshToken;
import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.RefreshTokenRepository;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.common.time.WireClock;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits, base64url, stored only as their SHA-256. Each login starts a family;
 * each refresh marks the presented token used and issues its successor in the same family. A used token
 * presented again means it leaked: the whole family is revoked.
 */
@ApplicationScoped
public class RefreshTokens {

    /** A token handed to the client (shown once, never stored) and the family it belongs to. */
    public record Issued(String token, UUID family) {
    }

    /** Result of a refresh: either the user with the successor token, or a refusal (committed before answering). */
    public record Rotation(User user, Issued next, boolean reuseDetected) {
        static Rotation refused(boolean reuse) {
            return new Rotation(null, null, reuse);
        }

        public boolean accepted() {
            return user != null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository tokens;
    private final UserRepository users;
    private final AuthConfig config;
    private final WireClock clock;

    public RefreshTokens(RefreshTokenRepository tokens, UserRepository users, AuthConfig config, WireClock clock) {
        this.tokens = tokens;
        this.users = users;
        this.config = config;
        this.clock = clock;
    }

    /** A new login: a new family. Runs in the caller's transaction. */
    public Uni<Issued> startFamily(long userId) {
        return issue(userId, UUID.randomUUID());
    }

    @WithTransaction
    public Uni<Rotation> rotate(String presented) {
        return tokens.findByHashForUpdate(hash(presented)).chain(token -> {
            Instant now = clock.now();
            if (token == null || token.revokedAt != null || !token.expiresAt.isAfter(now)) {
                return Uni.createFrom().item(Rotation.refused(false));
            }
            if (token.usedAt != null) {
                Log.warnf("Refresh token reuse for user %d: revoking login family %s", token.userId, token.familyId);
                return tokens.revokeFamily(token.familyId, now).replaceWith(Rotation.refused(true));
            }
            token.usedAt = now;
            // a deactivated account's tokens were revoked with it; checking again costs nothing
            return users.findActive(token.userId).chain(user -> user == null
                    ? Uni.createFrom().item(Rotation.refused(false))
                    : issue(user.id, token.familyId).map(next -> new Rotation(user, next, false)));
        });
    }

    /** Logout: revokes the family of the given token if it is the caller's (someone else's token is ignored). */
    @WithTransaction
    public Uni<Void> revokeFamilyOf(String presented, long userId) {
        return tokens.findByHash(hash(presented)).chain(token -> token == null || token.userId != userId
                ? Uni.createFrom().voidItem()
                : tokens.revokeFamily(token.familyId, clock.now()).replaceWithVoid());
    }

    /** Logout of the login the access token belongs to. */
    @WithTransaction
    public Uni<Void> revokeFamily(UUID family, long userId) {
        return tokens.update("revokedAt = ?1 where familyId = ?2 and userId = ?3 and revokedAt is null",
                clock.now(), family, userId).replaceWithVoid();
    }

    /** Every login of the user, e.g. when the account is deactivated. Runs in the caller's transaction. */
    public Uni<Integer> revokeAllLogins(long userId) {
        return tokens.revokeAllOfUserExcept(userId, null, clock.now());
    }

    /** Runs in the caller's transaction. */
    public Uni<Integer> revokeOtherLogins(long userId, UUID keptFamily) {
        return tokens.revokeAllOfUserExcept(userId, keptFamily, clock.now());
    }

    private Uni<Issued> issue(long userId, UUID family) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        RefreshToken token = new RefreshToken();
        token.tokenHash = hash(value);
        token.familyId = family;
        token.userId = userId;
        token.createdAt = clock.now();
        token.expiresAt = token.createdAt.plus(config.refreshTokenLifetime());
        return tokens.persist(token).replaceWith(new Issued(value, family));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
