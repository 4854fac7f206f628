package com.streambazaar.auth.service;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.LoginThrottleRepository;
import com.streambazaar.common.rest.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * Slows down password guessing: per account (the username or email as typed) and per client address, a number
 * of failures within a window closes further attempts with 429 and Retry-After until the window ends. Counters
 * live in Postgres, so the limits hold across replicas.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String ACCOUNT = "account:";
    private static final String ADDRESS = "address:";

    private final LoginThrottleRepository counters;
    private final AuthConfig.Throttle config;

    public LoginThrottle(LoginThrottleRepository counters, AuthConfig config) {
        this.counters = counters;
        this.config = config.throttle();
    }

    /**
     * The counter key of an account: the user when the name or email exists (so typing the username or the email
     * shares one counter), otherwise what was typed.
     */
    public static String account(User user, String typed) {
        return user != null ? "user:" + user.id : "unknown:" + typed.toLowerCase(Locale.ROOT);
    }

    /** Fails with 429 when either the account or the address used up its attempts. */
    public Uni<Void> check(String account, String address) {
        return counters.openCounters(keys(account, address), config.window()).map(open -> {
            long retryAfter = 0;
            for (LoginThrottleRepository.Counter counter : open) {
                int limit = counter.key().startsWith(ACCOUNT) ? config.accountMaxFailures() : config.addressMaxFailures();
                if (counter.failures() >= limit) {
                    retryAfter = Math.max(retryAfter, Math.max(1, counter.secondsLeft()));
                }
            }
            if (retryAfter > 0) {
                throw ApiException.tooManyRequests(
                        "Too many failed login attempts, try again in " + retryAfter + " seconds", retryAfter);
            }
            return null;
        });
    }

    public Uni<Void> failed(String account, String address) {
        Log.debugf("Failed login for an account from %s", address);
        return counters.countFailure(keys(account, address), config.window());
    }

    /** A successful login clears the account's counter (not the address's: one good account must not unlock guessing). */
    public Uni<Void> succeeded(String account) {
        return counters.clear(ACCOUNT + account);
    }

    private static List<String> keys(String account, String address) {
        return address == null ? List.of(ACCOUNT + account) : List.of(ACCOUNT + account, ADDRESS + address);
    }
}
