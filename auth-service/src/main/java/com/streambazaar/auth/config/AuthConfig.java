package com.streambazaar.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything auth-service can be tuned with ({@code bazaar.auth.*}, or the matching BAZAAR_AUTH_* variables). */
@ConfigMapping(prefix = "bazaar.auth")
public interface AuthConfig {

    /** The {@code iss} of every access token; verifiers check it. */
    @WithDefault("stream-bazaar")
    String issuer();

    /** Where the other services fetch the public keys (this service publishes them; it does not read this). */
    Optional<String> jwksUrl();

    /**
     * Folder of RSA private keys (PKCS#8 PEM), one file per key, file name = kid ({@code <kid>.pem}).
     * Every key is published in the JWKS; the active one signs.
     */
    @WithDefault("${user.home}/.stream-bazaar/keys")
    String keysDir();

    /** With no key in {@link #keysDir()}, generate one (development only; production mounts a Secret and sets false). */
    @WithDefault("true")
    boolean generateDevKey();

    /** The kid that signs; by default the newest key file. */
    Optional<String> activeKid();

    /** Lifetime of access tokens. */
    @WithDefault("15m")
    Duration accessTokenLifetime();

    /** Lifetime of a refresh token (each refresh hands out a new one with a full lifetime). */
    @WithDefault("7d")
    Duration refreshTokenLifetime();

    /** bcrypt cost (log2 of rounds); at least 10. */
    @WithDefault("10")
    int bcryptCost();

    /** Threads hashing passwords; by default one per core, so a login burst leaves the event loops responsive. */
    OptionalInt passwordHashingThreads();

    /** Password checks allowed to wait for a hashing thread; beyond that logins get 503 with Retry-After. */
    @WithDefault("1000")
    int passwordHashingQueue();

    /** Self-registration. */
    Registration registration();

    /** The httpOnly cookie web apps on the API's own site use for the realtime socket (the page never sees the token). */
    AccessCookie accessCookie();

    /** Login throttling. */
    Throttle throttle();

    /**
     * How often expired refresh tokens, closed throttle windows, long-unused known addresses and old session
     * tombstones are purged.
     */
    @WithDefault("1h")
    Duration purgeInterval();

    /** How long ended/deleted sessions are remembered so late, older events cannot revive them. */
    @WithDefault("7d")
    Duration sessionTombstoneRetention();

    /** An admin account created at start when missing (the only way to get the admin role). */
    BootstrapAdmin bootstrapAdmin();

    interface AccessCookie {
        /** Set the cookie on register, login and refresh, and clear it on logout. */
        @WithDefault("true")
        boolean enabled();

        /** The cookie's name; realtime-service reads the same name. */
        @WithDefault("bazaar_access_token")
        String name();

        /** Lax: sent on same-site requests and top-level navigations only, never on cross-site subrequests. */
        @WithDefault("Lax")
        String sameSite();
    }

    interface Registration {
        /**
         * The role of an account registered without one: {@code viewer} or {@code creator} (an operator serving the
         * existing web app, whose form sends no role, sets creator). Set with BAZAAR_AUTH_DEFAULT_ROLE; anything else
         * stops the start.
         */
        @WithDefault("viewer")
        String defaultRole();
    }

    /**
     * Login throttling. Failures are counted per (account, client address) pair, per address and per account; the
     * pair limit is small and the account limit large, so a stranger's guesses lock out the stranger, not the owner.
     */
    interface Throttle {
        /** Failed logins for one account from one client address within the window before that pair gets 429. */
        @WithDefault("5")
        int pairMaxFailures();

        /** Failed logins from one client address, whatever the accounts, within the window before 429. */
        @WithDefault("20")
        int addressMaxFailures();

        /**
         * Failed logins for one account from all addresses within the window before 429 (against guessing spread
         * over many addresses). Addresses the account signed in from recently are exempt, so the owner keeps access.
         */
        @WithDefault("100")
        int accountMaxFailures();

        /** The window, opened by the first failure. */
        @WithDefault("15m")
        Duration window();

        /** How long an address the account signed in from stays exempt from the account-wide limit. */
        @WithDefault("30d")
        Duration knownAddressRetention();
    }

    interface BootstrapAdmin {
        Optional<String> username();

        Optional<String> email();

        Optional<String> password();
    }
}
