package com.streambazaar.auth.service;

import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.auth.security.PasswordHasher;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What admins do to other accounts: create them (any role), change their name, email or role, and deactivate them.
 * Deactivating never deletes: the row stays, every login is revoked, and {@code user.deactivated} tells the other
 * services (they end the user's live sessions and hide their products). The token's admin role is checked again
 * against the account, so an admin who was demoted or deactivated stops here at once, not when the token expires.
 */
@ApplicationScoped
public class UserAdministration {

    /** What an admin asked to change; null = unchanged. */
    public record Changes(String username, String email, String role) {
    }

    private final UserRepository users;
    private final AccountService accounts;
    private final RefreshTokens refreshTokens;
    private final PasswordHasher hasher;
    private final Outbox outbox;

    public UserAdministration(UserRepository users, AccountService accounts, RefreshTokens refreshTokens,
                              PasswordHasher hasher, Outbox outbox) {
        this.users = users;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.outbox = outbox;
    }

    /** Fields must already be valid; publishes user.registered. */
    public Uni<User> create(Caller admin, String username, String email, String password, String role) {
        return requireAdmin(admin)
                .chain(() -> accounts.refuseTaken(username, email, 0))
                .chain(() -> hasher.hash(password))
                .chain(hash -> Panache.withTransaction(() -> accounts.create(username, email, hash, role)))
                .invoke(user -> Log.infof("Admin %d created account %d with role %s", admin.userId(), user.id, role))
                .onFailure().transform(DuplicateAccount::translate);
    }

    /** Changes what was sent and differs; publishes user.updated when something changed. */
    public Uni<User> update(Caller admin, long userId, Changes changes) {
        return requireAdmin(admin)
                .chain(() -> Panache.withSession(() -> target(userId)))
                .chain(user -> {
                    String newUsername = changes.username() != null && !changes.username().equals(user.username)
                            ? changes.username() : null;
                    String newEmail = changes.email() != null && !changes.email().equals(user.email)
                            ? changes.email() : null;
                    String newRole = changes.role() != null && !changes.role().equals(user.role) ? changes.role() : null;
                    if (newRole != null && userId == admin.userId()) {
                        // the last admin must not be able to demote themselves by a slip
                        throw ApiException.forbidden("An admin cannot change their own role");
                    }
                    if (newUsername == null && newEmail == null && newRole == null) {
                        return Uni.createFrom().item(user);
                    }
                    return accounts.refuseTaken(newUsername, newEmail, userId)
                            .chain(() -> Panache.withTransaction(() -> target(userId)
                                    .call(stored -> newRole == null ? Uni.createFrom().voidItem()
                                            : accounts.refuseSteppingDownWhileLive(stored, newRole))
                                    .call(stored -> accounts.changeAndPublish(stored, newUsername, newEmail, newRole))))
                            .invoke(stored -> Log.infof("Admin %d changed account %d", admin.userId(), stored.id));
                })
                .onFailure().transform(DuplicateAccount::translate);
    }

    /** 404 for an unknown or already deactivated account; an admin cannot deactivate themselves. */
    public Uni<Void> deactivate(Caller admin, long userId) {
        if (userId == admin.userId()) {
            return Uni.createFrom().failure(ApiException.forbidden("An admin cannot deactivate their own account"));
        }
        return requireAdmin(admin)
                .chain(() -> Panache.withTransaction(() -> target(userId).chain(user -> {
                    user.updatedAt = accounts.nextUpdatedAt(user);
                    user.deactivatedAt = user.updatedAt;
                    return users.flush()
                            .chain(() -> refreshTokens.revokeAllLogins(user.id))
                            .chain(() -> outbox.publish(Topics.USERS, UserState.DEACTIVATED, String.valueOf(user.id),
                                    AccountService.state(user)))
                            .invoke(() -> Log.infof("Admin %d deactivated account %d", admin.userId(), user.id));
                })))
                .replaceWithVoid();
    }

    /** The caller's account must still be an admin in use, whatever the token says. */
    private Uni<Void> requireAdmin(Caller caller) {
        return Panache.withSession(() -> users.findById(caller.userId())).map(account -> {
            AccountService.inUse(account);
            if (!Roles.ADMIN.equals(account.role)) {
                throw ApiException.forbidden("Only admins can manage users");
            }
            return null;
        });
    }

    private Uni<User> target(long userId) {
        return users.findActive(userId).onItem().ifNull().failWith(() -> ApiException.notFound("User " + userId + " not found"));
    }
}
