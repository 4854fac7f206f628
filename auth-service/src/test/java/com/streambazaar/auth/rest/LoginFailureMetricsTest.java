package com.streambazaar.auth.rest;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.MetricsScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.streambazaar.auth.rest.TestAccounts.freshAddress;
import static com.streambazaar.auth.rest.TestAccounts.login;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every refused login moves bazaar_login_failures_total under its reason, and a successful one moves none. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class LoginFailureMetricsTest {

    private static final String FAILURES = "bazaar_login_failures_total";

    @Inject
    AuthConfig config;

    @Test
    void refusedLoginsAreCountedByReason() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        MetricsScrape before = MetricsScrape.now();

        login(account.username(), account.password(), address).statusCode(200);
        login(unique("nobody"), "whatever-password", freshAddress()).statusCode(401);
        int limit = config.throttle().pairMaxFailures();
        for (int i = 0; i < limit; i++) {
            login(account.username(), "wrong-" + i, address).statusCode(401);
        }
        login(account.username(), account.password(), address).statusCode(429);

        MetricsScrape after = MetricsScrape.now();
        assertEquals(1, delta(before, after, "unknown_account"));
        assertEquals(limit, delta(before, after, "wrong_password"));
        assertEquals(1, delta(before, after, "throttled"));
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String reason) {
        return after.value(FAILURES, "reason", reason) - before.value(FAILURES, "reason", reason);
    }
}
