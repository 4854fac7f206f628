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
 * Slows down password guessing without letting a stranger lock out an account's owner. Failures are counted in
 * three fixed windows: per (account, client address) pair with a small limit — the stranger's own attempts on that
 * account stop, the owner elsewhere is untouched —, per client address across accounts, and per account across all
 * addresses with a much higher limit (guessing spread over many addresses). Addresses the account recently signed in
 * from are exempt from the account-wide limit, so even a distributed attack leaves the owner their usual way in.
 * A refused attempt gets 429 with Retry-After. Counters live in Postgres, so the limits hold across replicas.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String PAIR = "pair:";
    private static final String ADDRESS = "address:";
    private static final String ACCOUNT = "account:";

    /**
     * One login attempt: the account's counter key (the user when the name or email exists, so typing the username
     * or the email shares one counter; otherwise what was typed), the user id if any, and the client address.
     */
    public record Attempt(String account, Long userId, String address) {

        List<String> keys() {
            return List.of(PAIR + account + "|" + address, ADDRESS + address, ACCOUNT + account);
        }
    }

    private final LoginThrottleRepository counters;
    private final AuthConfig.Throttle config;

    public LoginThrottle(LoginThrottleRepository counters, AuthConfig config) {
        this.counters = counters;
        this.config = config.throttle();
    }

    public static Attempt attempt(User user, String typed, String address) {
        String account = user != null ? "user:" + user.id : "unknown:" + typed.toLowerCase(Locale.ROOT);
        return new Attempt(account, user == null ? null : user.id, address);
    }

    /** Fails with 429 when the pair, the address or the account used up its attempts. */
    public Uni<Void> check(Attempt attempt) {
        return counters.openCounters(attempt.keys(), config.window()).chain(open -> {
            long pairOrAddressWait = 0;
            long accountWait = 0;
            for (LoginThrottleRepository.Counter counter : open) {
                long wait = Math.max(1, counter.secondsLeft());
                if (counter.key().startsWith(ACCOUNT)) {
                    accountWait = counter.failures() >= config.accountMaxFailures() ? wait : 0;
                } else if (counter.failures() >= (counter.key().startsWith(PAIR)
                        ? config.pairMaxFailures() : config.addressMaxFailures())) {
                    pairOrAddressWait = Math.max(pairOrAddressWait, wait);
                }
            }
            if (pairOrAddressWait > 0) {
                return refuse(pairOrAddressWait);
            }
            if (accountWait == 0) {
                return Uni.createFrom().voidItem();
            }
            long wait = accountWait;
            Uni<Boolean> known = attempt.userId() == null ? Uni.createFrom().item(false)
                    : counters.isKnownAddress(attempt.userId(), attempt.address(), config.knownAddressRetention());
            return known.chain(exempt -> exempt ? Uni.createFrom().voidItem() : refuse(wait));
        });
    }

    public Uni<Void> failed(Attempt attempt) {
        Log.debugf("Failed login for an account from %s", attempt.address());
        return counters.countFailure(attempt.keys(), config.window());
    }

    /**
     * Clears the pair's counter (the owner's own typos) and remembers the address. The account-wide and address
     * counters stay: a success in the middle of an attack must not hand the attacker fresh attempts.
     */
    public Uni<Void> succeeded(Attempt attempt) {
        Uni<Void> cleared = counters.clear(attempt.keys().get(0));
        return attempt.userId() == null ? cleared
                : cleared.chain(() -> counters.rememberAddress(attempt.userId(), attempt.address()));
    }

    private static Uni<Void> refuse(long retryAfter) {
        return Uni.createFrom().failure(ApiException.tooManyRequests(
                "Too many failed login attempts, try again in " + retryAfter + " seconds", retryAfter));
    }
}
