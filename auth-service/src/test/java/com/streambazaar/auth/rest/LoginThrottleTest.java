package com.streambazaar.auth.rest;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.streambazaar.auth.rest.TestAccounts.freshAddress;
import static com.streambazaar.auth.rest.TestAccounts.login;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Login throttling: per (account, address) pair, per address, and per account across addresses — and a stranger's
 * failures never lock the owner out. Addresses come through the trusted proxy ({@link TestAccounts#client}).
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class LoginThrottleTest {

    @Inject
    AuthConfig config;

    @Test
    void aPairIsThrottledAfterItsFailuresWhicheverNameIsTyped() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        int limit = config.throttle().pairMaxFailures();
        for (int i = 0; i < limit; i++) {
            // the username and the email share one account counter
            login(i % 2 == 0 ? account.username() : account.email(), "wrong-" + i, address).statusCode(401);
        }
        // even the right password is refused for this pair until the window closes
        String retryAfter = login(account.email(), account.password(), address).statusCode(429)
                .header("Retry-After", notNullValue())
                .body("success", equalTo(false)).body("error", equalTo("rate_limited"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter), greaterThan(0));
        assertThat(Integer.parseInt(retryAfter), lessThanOrEqualTo((int) config.throttle().window().toSeconds()));
        // the same address may still sign in to other accounts (the pair is throttled, not the address)
        TestAccounts.Account bystander = register(null);
        login(bystander.username(), bystander.password(), address).statusCode(200);
    }

    @Test
    void aStrangersFailuresNeverLockTheOwnerOut() {
        TestAccounts.Account owner = register(null);
        String stranger = freshAddress();
        for (int i = 0; i < config.throttle().pairMaxFailures() * 3; i++) {
            login(owner.username(), "guess-" + i, stranger).statusCode(i < config.throttle().pairMaxFailures() ? 401 : 429);
        }
        // the owner, from their own address, is not affected at all
        login(owner.username(), owner.password(), freshAddress()).statusCode(200);
    }

    @Test
    void anAddressIsThrottledAcrossAccounts() {
        String address = freshAddress();
        for (int i = 0; i < config.throttle().addressMaxFailures(); i++) {
            login(unique("guess"), "wrong-password", address).statusCode(401);
        }
        TestAccounts.Account account = register(null);
        login(account.username(), account.password(), address).statusCode(429).header("Retry-After", notNullValue());
        login(account.username(), account.password(), freshAddress()).statusCode(200);
    }

    @Test
    void guessesSpreadOverManyAddressesHitTheAccountLimitButNotTheOwnersKnownAddress() {
        TestAccounts.Account owner = register(null);
        String ownersUsualAddress = freshAddress();
        login(owner.username(), owner.password(), ownersUsualAddress).statusCode(200);

        int perAddress = config.throttle().pairMaxFailures() - 1;
        int failures = 0;
        while (failures < config.throttle().accountMaxFailures()) {
            String address = freshAddress();
            for (int i = 0; i < perAddress && failures < config.throttle().accountMaxFailures(); i++, failures++) {
                login(owner.username(), "distributed-guess-" + failures, address).statusCode(401);
            }
        }
        // a new address is refused even with the right password: the account-wide limit is reached
        login(owner.username(), owner.password(), freshAddress()).statusCode(429).header("Retry-After", notNullValue());
        login(owner.email(), "yet-another-guess", freshAddress()).statusCode(429);
        // the owner's usual address still gets in, and their success does not reset the attacker's count
        login(owner.username(), owner.password(), ownersUsualAddress).statusCode(200);
        login(owner.username(), owner.password(), freshAddress()).statusCode(429);
    }

    @Test
    void wrongCurrentPasswordGuessesAreThrottledToo() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        for (int i = 0; i < config.throttle().pairMaxFailures(); i++) {
            TestAccounts.client(address).header("Authorization", account.bearer())
                    .body(Map.of("password", "new-password-x", "currentPassword", "guess-" + i))
                    .when().post("/api/auth/update").then().statusCode(400);
        }
        TestAccounts.client(address).header("Authorization", account.bearer())
                .body(Map.of("password", "new-password-x", "currentPassword", account.password()))
                .when().post("/api/auth/update").then().statusCode(429).header("Retry-After", notNullValue());
    }
}
