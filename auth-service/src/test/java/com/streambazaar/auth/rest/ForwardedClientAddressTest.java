package com.streambazaar.auth.rest;

import com.streambazaar.auth.config.AuthConfig;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.RawHttp;
import io.restassured.RestAssured;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static com.streambazaar.auth.rest.TestAccounts.freshAddress;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client address behind the login limits comes from real sockets: X-Forwarded-For counts only when the direct peer
 * is a trusted proxy (127.0.0.2 in the %test profile). Anyone else sending it is throttled by their own address.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ForwardedClientAddressTest {

    /** A direct client of its own: its address limit is used up here, and no other test connects from it. */
    private static final String DIRECT_CLIENT = "127.0.0.3";

    @Inject
    AuthConfig config;

    @Test
    void aForgedForwardedForDoesNotEscapeTheAddressLimit() throws Exception {
        int limit = config.throttle().addressMaxFailures();
        for (int i = 0; i < limit; i++) {
            RawHttp.Answer reply = login(DIRECT_CLIENT, unique("guess"), "wrong-password", freshAddress());
            assertEquals(401, reply.status(), reply.body());
        }
        // a valid login with yet another made-up X-Forwarded-For: still the same client, still throttled
        TestAccounts.Account account = register(null);
        RawHttp.Answer refused = login(DIRECT_CLIENT, account.username(), account.password(), freshAddress());
        assertEquals(429, refused.status(), refused.body());
        assertNotNull(refused.headers().get("retry-after"));
        assertTrue(refused.body().contains("\"rate_limited\""), refused.body());
        assertEquals(limit, failuresCountedFor("address:" + DIRECT_CLIENT));
    }

    @Test
    void aDirectClientIsCountedByItsPeerAddressWhateverItForwards() throws Exception {
        String forged = freshAddress();
        RawHttp.Answer reply = login("127.0.0.1", unique("guess"), "wrong-password", forged);
        assertEquals(401, reply.status(), reply.body());
        assertEquals(0, failuresCountedFor("address:" + forged), "the forged address is never counted");
        assertTrue(failuresCountedFor("address:127.0.0.1") >= 1, "the peer address is");
    }

    @Test
    void theTrustedProxyIsThrottledPerForwardedAddress() throws Exception {
        int limit = config.throttle().addressMaxFailures();
        String noisy = freshAddress();
        for (int i = 0; i < limit; i++) {
            assertEquals(401, login(TestAccounts.TRUSTED_PROXY, unique("guess"), "wrong-password", noisy).status());
        }
        TestAccounts.Account account = register(null);
        assertEquals(429, login(TestAccounts.TRUSTED_PROXY, account.username(), account.password(), noisy).status());
        // another client behind the same proxy is not affected by the noisy one
        RawHttp.Answer other = login(TestAccounts.TRUSTED_PROXY, account.username(), account.password(), freshAddress());
        assertEquals(200, other.status(), other.body());
        assertEquals(limit, failuresCountedFor("address:" + noisy));
        assertEquals(0, failuresCountedFor("address:" + TestAccounts.TRUSTED_PROXY), "the proxy itself is never counted");
    }

    private static RawHttp.Answer login(String from, String username, String password, String forwardedFor) {
        String json = TestAccounts.JSON.createObjectNode().put("username", username).put("password", password).toString();
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        String request = "POST /api/auth/login HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\nConnection: close\r\n"
                + "X-Forwarded-For: " + forwardedFor + "\r\n\r\n" + json;
        return RawHttp.exchange("127.0.0.1", RestAssured.port, from, request);
    }

    private static int failuresCountedFor(String key) throws Exception {
        try (Connection c = TestAccounts.db(); PreparedStatement query = c.prepareStatement(
                "select failures from auth.login_throttle where throttle_key = ?")) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
