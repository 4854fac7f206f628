package com.streambazaar.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code bazaar_login_failures_total}, tagged with why: {@code unknown_account} (no active account by that name or
 * email), {@code wrong_password}, {@code throttled} (refused with 429 before the password was checked). Clients get
 * one answer for the first two; operators see which one a spike is (credential stuffing vs. a forgotten password).
 */
@ApplicationScoped
public class LoginFailures {

    public static final String UNKNOWN_ACCOUNT = "unknown_account";
    public static final String WRONG_PASSWORD = "wrong_password";
    public static final String THROTTLED = "throttled";

    private final Counter unknownAccount;
    private final Counter wrongPassword;
    private final Counter throttled;

    public LoginFailures(MeterRegistry metrics) {
        this.unknownAccount = counter(metrics, UNKNOWN_ACCOUNT);
        this.wrongPassword = counter(metrics, WRONG_PASSWORD);
        this.throttled = counter(metrics, THROTTLED);
    }

    private static Counter counter(MeterRegistry metrics, String reason) {
        return Counter.builder("bazaar.login.failures").tag("reason", reason)
                .description("Refused logins by reason").register(metrics);
    }

    void failed(boolean accountKnown) {
        (accountKnown ? wrongPassword : unknownAccount).increment();
    }

    void throttled() {
        throttled.increment();
    }
}
