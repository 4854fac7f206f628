package com.streambazaar.auth.service;

import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.LiveSessionRepository;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.auth.security.AccessTokenIssuer;
import com.streambazaar.auth.security.PasswordHasher;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Roles;
import com.streambazaar.common.time.WireClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Registration, login, refresh, logout and self-service updates (viewer ⇄ creator included). bcrypt runs on
 * {@link PasswordHasher}'s threads between database steps; no database connection or transaction is held while a
 * password is being hashed.
 */
@ApplicationScoped
public class AccountService {

    /** A user with a fresh token pair. */
    public record SignedIn(User user, String accessToken, String refreshToken) {
    }

    /** What a user asked to change; null = unchanged. */
    public record Changes(String username, String email, String password, String currentPassword, String role) {
    }

    /** The account after a self-service update, with a fresh access token when the role changed (else null). */
    public record Updated(User user, String accessToken) {
    }

    private static final ApiException INVALID_CREDENTIALS = ApiException.unauthorized("Invalid credentials");

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer accessTokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LiveSessionRepository liveSessions;
    private final Outbox outbox;
    private final WireClock clock;
    private final LoginFailures loginFailures;

    public AccountService(UserRepository users, RefreshTokens refreshTokens, AccessTokenIssuer accessTokens,
                          PasswordHasher hasher, LoginThrottle throttle, LiveSessionRepository liveSessions,
                          Outbox outbox, WireClock clock, LoginFailures loginFailures) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.liveSessions = liveSessions;
        this.outbox = outbox;
        this.clock = clock;
        this.loginFailures = loginFailures;
    }

    /** Fields must already be valid (see {@link AccountRules}). */
    public Uni<SignedIn> register(String username, String email, String password, String role) {
        return refuseTaken(username, email, 0)
                .chain(() -> hasher.hash(password))
                .chain(hash -> Panache.withTransaction(() -> create(username, email, hash, role)
                        .chain(user -> refreshTokens.startFamily(user.id).map(issued -> signedIn(user, issued)))))
                .onFailure().transform(DuplicateAccount::translate);
    }

    /**
     * Creates an account and publishes user.registered, in the caller's transaction. Also used for the bootstrap admin.
     */
    public Uni<User> create(String username, String email, String passwordHash, String role) {
        User user = new User();
        user.username = username;
        user.email = email;
        user.passwordHash = passwordHash;
        user.role = role;
        user.createdAt = clock.now();
        user.updatedAt = user.createdAt;
        return users.persist(user)
                .chain(() -> outbox.publish(Topics.USERS, UserState.REGISTERED, String.valueOf(user.id), state(user)))
                .replaceWith(user);
    }

    /**
     * Same answer for an unknown account, a deactivated one and a wrong password; throttled per (account, address),
     * per address and per account ({@link LoginThrottle}).
     */
    public Uni<SignedIn> login(String identifier, String password, String clientAddress) {
        // the session closes before bcrypt runs: no connection waits on a hash
        return Panache.withSession(() -> users.findActiveByLogin(identifier)).chain(user -> {
                    LoginThrottle.Attempt attempt = LoginThrottle.attempt(user, identifier, clientAddress);
                    return throttle.check(attempt)
                            .onFailure(f -> f instanceof ApiException refusal && refusal.status() == 429)
                            .invoke(loginFailures::throttled)
                            .chain(() -> hasher.verify(password, user == null ? null : user.passwordHash))
                            .chain(matches -> matches
                                    ? throttle.succeeded(attempt).replaceWith(user)
                                    : throttle.failed(attempt)
                                            .invoke(() -> loginFailures.failed(user != null))
                                            .chain(() -> Uni.createFrom().<User>failure(INVALID_CREDENTIALS)));
                })
                .chain(user -> Panache.withTransaction(() -> refreshTokens.startFamily(user.id))
                        .map(issued -> signedIn(user, issued)));
    }

    public Uni<SignedIn> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken).map(rotation -> {
            if (!rotation.accepted()) {
                // the family revocation (on reuse) is committed by now; only then is the client refused
                throw ApiException.unauthorized(rotation.reuseDetected()
                        ? "Refresh token was already used; this login has been revoked, please log in again"
                        : "Invalid or expired refresh token");
            }
            return signedIn(rotation.user(), rotation.next());
        });
    }

    /** Revokes the login of the presented refresh token (if it is the caller's) and the caller's current login. */
    public Uni<Void> logout(long userId, UUID currentFamily, String refreshToken) {
        Uni<Void> presented = refreshToken == null ? Uni.createFrom().voidItem()
                : refreshTokens.revokeFamilyOf(refreshToken, userId);
        return presented.chain(() -> currentFamily == null ? Uni.createFrom().voidItem()
                : refreshTokens.revokeFamily(currentFamily, userId));
    }

    /** The caller's account; 401 once it is deactivated, even while their access token is still valid. */
    @WithSession
    public Uni<User> current(long userId) {
        return users.findById(userId).map(AccountService::inUse);
    }

    /**
     * Applies the changes the user asked for (fields already valid). A new password or email needs the current
     * password, which is throttled like a login. A new password signs out every other login of the user. A role
     * change (viewer ⇄ creator only) answers with a fresh access token, since the token carries the role.
     */
    public Uni<Updated> update(long userId, UUID currentFamily, Changes changes, String clientAddress) {
        return Panache.withSession(() -> users.findById(userId)).map(AccountService::inUse).chain(user -> {
            String newUsername = changes.username() != null && !changes.username().equals(user.username)
                    ? changes.username() : null;
            String newEmail = changes.email() != null && !changes.email().equals(user.email) ? changes.email() : null;
            String newPassword = changes.password();
            String newRole = changes.role() != null && !changes.role().equals(user.role) ? changes.role() : null;
            boolean sensitive = newEmail != null || newPassword != null;
            if (sensitive && changes.currentPassword() == null) {
                throw ApiException.badRequest("currentPassword", "currentPassword is required to change the password or email");
            }
            if (newRole != null && Roles.ADMIN.equals(user.role)) {
                throw ApiException.forbidden("An admin's role is changed by another admin, not here");
            }
            if (newUsername == null && newEmail == null && newPassword == null && newRole == null) {
                return Uni.createFrom().item(new Updated(user, null));
            }
            Uni<Void> proven = sensitive ? proveCurrentPassword(user, changes.currentPassword(), clientAddress)
                    : Uni.createFrom().voidItem();
            return proven
                    .chain(() -> refuseTaken(newUsername, newEmail, user.id))
                    .chain(() -> newPassword == null ? Uni.createFrom().<String>nullItem() : hasher.hash(newPassword))
                    .chain(newHash -> Panache.withTransaction(() -> users.findById(userId).map(AccountService::inUse)
                            .call(stored -> newRole == null ? Uni.createFrom().voidItem()
                                    : refuseSteppingDownWhileLive(stored, newRole))
                            .chain(stored -> {
                                if (newHash != null) {
                                    stored.passwordHash = newHash;
                                }
                                return changeAndPublish(stored, newUsername, newEmail, newRole)
                                        .chain(() -> newHash == null ? Uni.createFrom().item(0)
                                                : refreshTokens.revokeOtherLogins(stored.id, currentFamily))
                                        .replaceWith(stored);
                            })))
                    .map(stored -> new Updated(stored, newRole == null ? null : accessTokens.issue(stored.id,
                            stored.username, stored.role, currentFamily != null ? currentFamily : UUID.randomUUID())))
                    .onFailure().transform(DuplicateAccount::translate);
        });
    }

    /**
     * Sets the public fields that are non-null, stamps {@code updatedAt} and publishes user.updated, in the caller's
     * transaction (the row must be managed by it).
     */
    Uni<Void> changeAndPublish(User stored, String username, String email, String role) {
        if (username != null) {
            stored.username = username;
        }
        if (email != null) {
            stored.email = email;
        }
        if (role != null) {
            stored.role = role;
        }
        stored.updatedAt = nextUpdatedAt(stored);
        return users.flush()
                .chain(() -> outbox.publish(Topics.USERS, UserState.UPDATED, String.valueOf(stored.id), state(stored)))
                .replaceWithVoid();
    }

    /** A host of a live or paused session keeps a role that may host (its session would otherwise be orphaned). */
    Uni<Void> refuseSteppingDownWhileLive(User user, String newRole) {
        if (!Roles.VIEWER.equals(newRole) || Roles.VIEWER.equals(user.role)) {
            return Uni.createFrom().voidItem();
        }
        return liveSessions.isHosting(user.id).map(hosting -> {
            if (hosting) {
                throw ApiException.conflict("session_live",
                        "End the live or paused session first: a viewer cannot host a session");
            }
            return null;
        });
    }

    private Uni<Void> proveCurrentPassword(User user, String currentPassword, String clientAddress) {
        LoginThrottle.Attempt attempt = LoginThrottle.attempt(user, user.username, clientAddress);
        return throttle.check(attempt)
                .chain(() -> hasher.verify(currentPassword, user.passwordHash))
                .chain(matches -> matches ? Uni.createFrom().voidItem()
                        : throttle.failed(attempt).chain(() -> Uni.createFrom().failure(
                                new ApiException(400, "invalid_current_password", "currentPassword is incorrect",
                                        Map.of("field", "currentPassword")))));
    }

    /** 409 before spending a bcrypt on a request that cannot succeed; the unique indexes catch the rest (races). */
    Uni<Void> refuseTaken(String username, String email, long exceptId) {
        return Panache.withSession(() -> checkTaken(username, email, exceptId));
    }

    private Uni<Void> checkTaken(String username, String email, long exceptId) {
        Uni<Boolean> usernameTaken = username == null ? Uni.createFrom().item(false) : users.usernameTaken(username, exceptId);
        return usernameTaken.chain(taken -> {
            if (taken) {
                throw DuplicateAccount.USERNAME_TAKEN;
            }
            return email == null ? Uni.createFrom().item(false) : users.emailTaken(email, exceptId);
        }).map(taken -> {
            if (taken) {
                throw DuplicateAccount.EMAIL_TAKEN;
            }
            return null;
        });
    }

    private SignedIn signedIn(User user, RefreshTokens.Issued issued) {
        return new SignedIn(user, accessTokens.issue(user.id, user.username, user.role, issued.family()), issued.token());
    }

    static UserState state(User user) {
        return user.isActive()
                ? UserState.active(user.id, user.username, user.role, user.createdAt, user.updatedAt)
                : new UserState(user.id, user.username, user.role, false, user.createdAt, user.updatedAt,
                        user.deactivatedAt);
    }

    /** 401 for an account that is gone: the token outlived it. */
    static User inUse(User user) {
        if (user == null) {
            throw ApiException.unauthorized("This account no longer exists");
        }
        if (!user.isActive()) {
            throw ApiException.unauthorized("This account has been deactivated");
        }
        return user;
    }

    /**
     * Consumers keep the state with the newest {@code updatedAt}: each change must be later than the last one even
     * if this replica's clock is behind the one that wrote it.
     */
    Instant nextUpdatedAt(User user) {
        return clock.after(user.updatedAt);
    }
}
