package com.streambazaar.auth.service;

import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.auth.security.AccessTokenIssuer;
import com.streambazaar.auth.security.PasswordHasher;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.common.rest.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Registration, login, refresh, logout and self-service updates. bcrypt runs on {@link PasswordHasher}'s threads
 * between database steps; no database connection or transaction is held while a password is being hashed.
 */
@ApplicationScoped
public class AccountService {

    /** A user with a fresh token pair. */
    public record SignedIn(User user, String accessToken, String refreshToken) {
    }

    /** What a user asked to change; null = unchanged. */
    public record Changes(String username, String email, String password, String currentPassword) {
    }

    private static final ApiException INVALID_CREDENTIALS = ApiException.unauthorized("Invalid credentials");

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer accessTokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Outbox outbox;

    public AccountService(UserRepository users, RefreshTokens refreshTokens, AccessTokenIssuer accessTokens,
                          PasswordHasher hasher, LoginThrottle throttle, Outbox outbox) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.outbox = outbox;
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
        user.createdAt = now();
        user.updatedAt = user.createdAt;
        return users.persist(user)
                .chain(() -> outbox.publish(Topics.USERS, UserState.REGISTERED, String.valueOf(user.id), state(user)))
                .replaceWith(user);
    }

    /** Same answer for an unknown account and a wrong password; throttled per account and per client address. */
    public Uni<SignedIn> login(String identifier, String password, String clientAddress) {
        return users.findByLogin(identifier).chain(user -> {
                    String account = LoginThrottle.account(user, identifier);
                    return throttle.check(account, clientAddress)
                            .chain(() -> hasher.verify(password, user == null ? null : user.passwordHash))
                            .chain(matches -> matches
                                    ? throttle.succeeded(account).replaceWith(user)
                                    : throttle.failed(account, clientAddress)
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

    public Uni<User> current(long userId) {
        return users.findById(userId).map(user -> {
            if (user == null) {
                throw ApiException.unauthorized("This account no longer exists");
            }
            return user;
        });
    }

    /**
     * Applies the changes the user asked for (fields already valid). A new password or email needs the current
     * password, which is throttled like a login. A new password signs out every other login of the user.
     */
    public Uni<User> update(long userId, UUID currentFamily, Changes changes, String clientAddress) {
        return current(userId).chain(user -> {
            String newUsername = changes.username() != null && !changes.username().equals(user.username)
                    ? changes.username() : null;
            String newEmail = changes.email() != null && !changes.email().equals(user.email) ? changes.email() : null;
            String newPassword = changes.password();
            boolean sensitive = newEmail != null || newPassword != null;
            if (sensitive && changes.currentPassword() == null) {
                throw ApiException.badRequest("currentPassword", "currentPassword is required to change the password or email");
            }
            if (newUsername == null && newEmail == null && newPassword == null) {
                return Uni.createFrom().item(user);
            }
            Uni<Void> proven = sensitive ? proveCurrentPassword(user, changes.currentPassword(), clientAddress)
                    : Uni.createFrom().voidItem();
            return proven
                    .chain(() -> refuseTaken(newUsername, newEmail, user.id))
                    .chain(() -> newPassword == null ? Uni.createFrom().<String>nullItem() : hasher.hash(newPassword))
                    .chain(newHash -> Panache.withTransaction(() -> users.findById(userId).chain(stored -> {
                        if (stored == null) {
                            throw ApiException.unauthorized("This account no longer exists");
                        }
                        if (newUsername != null) {
                            stored.username = newUsername;
                        }
                        if (newEmail != null) {
                            stored.email = newEmail;
                        }
                        if (newHash != null) {
                            stored.passwordHash = newHash;
                        }
                        stored.updatedAt = now();
                        return users.flush()
                                .chain(() -> outbox.publish(Topics.USERS, UserState.UPDATED, String.valueOf(stored.id),
                                        state(stored)))
                                .chain(() -> newHash == null ? Uni.createFrom().item(0)
                                        : refreshTokens.revokeOtherLogins(stored.id, currentFamily))
                                .replaceWith(stored);
                    })))
                    .onFailure().transform(DuplicateAccount::translate);
        });
    }

    private Uni<Void> proveCurrentPassword(User user, String currentPassword, String clientAddress) {
        String account = LoginThrottle.account(user, user.username);
        return throttle.check(account, clientAddress)
                .chain(() -> hasher.verify(currentPassword, user.passwordHash))
                .chain(matches -> matches ? Uni.createFrom().voidItem()
                        : throttle.failed(account, clientAddress).chain(() -> Uni.createFrom().failure(
                                new ApiException(400, "invalid_current_password", "currentPassword is incorrect",
                                        Map.of("field", "currentPassword")))));
    }

    /** 409 before spending a bcrypt on a request that cannot succeed; the unique indexes catch the rest (races). */
    private Uni<Void> refuseTaken(String username, String email, long exceptId) {
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
        return new UserState(user.id, user.username, user.role, user.createdAt, user.updatedAt);
    }

    /** Postgres keeps microseconds: answering with the same precision keeps responses equal to later reads. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
