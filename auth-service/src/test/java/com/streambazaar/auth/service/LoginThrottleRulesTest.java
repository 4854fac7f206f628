package com.streambazaar.auth.service;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.LoginThrottleRepository;
import com.streambazaar.auth.repository.LoginThrottleRepository.Counter;
import com.streambazaar.common.rest.ApiException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The throttle's keys and which limit refuses an attempt, without a database: the counters are a stand-in for
 * {@link LoginThrottleRepository} (limits 5 per pair, 20 per address, 100 per account, as configured by default).
 */
class LoginThrottleRulesTest {

    private static final String ADDRESS = "203.0.113.7";

    @Test
    void anExistingAccountIsCountedByIdWhateverWasTyped() {
        User user = new User();
        user.id = 42L;
        LoginThrottle.Attempt byName = LoginThrottle.attempt(user, "Maker", ADDRESS);
        LoginThrottle.Attempt byEmail = LoginThrottle.attempt(user, "maker@example.test", ADDRESS);
        assertEquals(byName.keys(), byEmail.keys());
        assertEquals(List.of("pair:user:42|" + ADDRESS, "address:" + ADDRESS, "account:user:42"), byName.keys());
        assertEquals(42L, byName.userId());
    }

    @Test
    void anUnknownAccountIsCountedByWhatWasTypedInLowerCase() {
        LoginThrottle.Attempt attempt = LoginThrottle.attempt(null, "NoBody", ADDRESS);
        assertEquals("account:unknown:nobody", attempt.keys().get(2));
        assertNull(attempt.userId());
    }

    @Test
    void belowEveryLimitTheAttemptGoesOn() {
        Counters counters = new Counters(new Counter("pair:user:1|" + ADDRESS, 4, 300),
                new Counter("address:" + ADDRESS, 19, 300), new Counter("account:user:1", 99, 300));
        throttle(counters).check(attempt(1L)).await().indefinitely();
    }

    @Test
    void aUsedUpPairOrAddressIsA429WithTheLongestWait() {
        ApiException pair = refused(new Counters(new Counter("pair:user:1|" + ADDRESS, 5, 120),
                new Counter("address:" + ADDRESS, 3, 900)), attempt(1L));
        assertEquals(429, pair.status());
        assertEquals(120L, pair.details().get("retryAfter"));

        ApiException address = refused(new Counters(new Counter("pair:user:1|" + ADDRESS, 5, 120),
                new Counter("address:" + ADDRESS, 20, 900)), attempt(1L));
        assertEquals(900L, address.details().get("retryAfter"));

        ApiException almostOver = refused(new Counters(new Counter("address:" + ADDRESS, 20, 0)), attempt(1L));
        assertEquals(1L, almostOver.details().get("retryAfter"), "never Retry-After: 0");
    }

    @Test
    void theAccountWideLimitSparesAddressesTheOwnerSignedInFrom() {
        Counter exhausted = new Counter("account:user:1", 100, 600);
        assertEquals(600L, refused(new Counters(exhausted), attempt(1L)).details().get("retryAfter"));

        Counters known = new Counters(exhausted);
        known.knownAddresses.add(ADDRESS);
        throttle(known).check(attempt(1L)).await().indefinitely();

        Counters unknownAccount = new Counters(new Counter("account:unknown:ghost", 100, 600));
        unknownAccount.knownAddresses.add(ADDRESS);
        refused(unknownAccount, LoginThrottle.attempt(null, "ghost", ADDRESS));
    }

    private static LoginThrottle.Attempt attempt(long userId) {
        User user = new User();
        user.id = userId;
        return LoginThrottle.attempt(user, "whoever", ADDRESS);
    }

    private static ApiException refused(Counters counters, LoginThrottle.Attempt attempt) {
        return assertThrows(ApiException.class, () -> throttle(counters).check(attempt).await().indefinitely());
    }

    private static LoginThrottle throttle(Counters counters) {
        return new LoginThrottle(counters, config());
    }

    /** Open counters and known addresses as the database would answer them. */
    private static final class Counters extends LoginThrottleRepository {
        final List<Counter> open;
        final List<String> knownAddresses = new ArrayList<>();

        Counters(Counter... open) {
            super(null);
            this.open = List.of(open);
        }

        @Override
        public Uni<List<Counter>> openCounters(List<String> keys, Duration window) {
            return Uni.createFrom().item(open.stream().filter(counter -> keys.contains(counter.key())).toList());
        }

        @Override
        public Uni<Boolean> isKnownAddress(long userId, String address, Duration retention) {
            return Uni.createFrom().item(knownAddresses.contains(address));
        }
    }

    /** The default throttle settings; nothing else of the configuration is read. */
    private static AuthConfig config() {
        AuthConfig.Throttle throttle = new AuthConfig.Throttle() {
            public int pairMaxFailures() {
                return 5;
            }

            public int addressMaxFailures() {
                return 20;
            }

            public int accountMaxFailures() {
                return 100;
            }

            public Duration window() {
                return Duration.ofMinutes(15);
            }

            public Duration knownAddressRetention() {
                return Duration.ofDays(30);
            }
        };
        return (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] {AuthConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("throttle")) {
                        return throttle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
