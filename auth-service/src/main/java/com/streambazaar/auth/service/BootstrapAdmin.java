package com.streambazaar.auth.service;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.auth.security.PasswordHasher;
import com.streambazaar.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The only way to an admin account: {@code bazaar.auth.bootstrap-admin.username/email/password} (from the
 * environment or a Secret) creates it at start when missing. An existing account of that name or email is never
 * promoted: someone could have registered it first.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private final AuthConfig.BootstrapAdmin config;
    private final UserRepository users;
    private final AccountService accounts;
    private final PasswordHasher hasher;

    public BootstrapAdmin(AuthConfig config, UserRepository users, AccountService accounts, PasswordHasher hasher) {
        this.config = config.bootstrapAdmin();
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.username().isEmpty() && config.email().isEmpty() && config.password().isEmpty()) {
            return;
        }
        String username = AccountRules.username(config.username().orElse(null));
        String email = AccountRules.email(config.email().orElse(null));
        String password = AccountRules.password("password", config.password().orElse(null));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> users.usernameTaken(username, 0)
                        .chain(nameTaken -> users.emailTaken(email, 0).map(emailTaken -> nameTaken || emailTaken)))
                .chain(exists -> {
                    if (exists) {
                        Log.infof("Bootstrap admin %s (or its email) already exists; left as it is", username);
                        return io.smallrye.mutiny.Uni.createFrom().voidItem();
                    }
                    return hasher.hash(password)
                            .chain(hash -> Panache.withTransaction(() -> accounts.create(username, email, hash, Roles.ADMIN)))
                            .invoke(user -> Log.infof("Created the bootstrap admin account %s (id %d)", username, user.id))
                            .replaceWithVoid();
                }));
    }
}
