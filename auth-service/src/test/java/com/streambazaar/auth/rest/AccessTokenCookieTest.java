package com.streambazaar.auth.rest;

import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Web apps on the API's own site get the access token as an httpOnly cookie (for the realtime socket, which reads it
 * with an Origin check): set by register, login and refresh, cleared by logout.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class AccessTokenCookieTest {

    @Test
    void loginAndRefreshSetTheCookieAndLogoutClearsIt() {
        TestAccounts.Account account = TestAccounts.register("viewer");
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", account.username(), "password", account.password()))
                .when().post("/api/auth/login");
        assertEquals(200, login.statusCode());
        String accessToken = login.path("data.accessToken");
        String cookie = setCookie(login);
        assertTrue(cookie.startsWith("bazaar_access_token=" + accessToken + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly"), "the page's scripts never see it: " + cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);
        assertTrue(cookie.contains("Max-Age=900"), "lives as long as the access token: " + cookie);
        assertTrue(!cookie.contains("Secure"), "plain HTTP here: " + cookie);

        Response refreshed = given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", (String) login.path("data.refreshToken")))
                .when().post("/api/auth/refresh-token");
        assertEquals(200, refreshed.statusCode());
        assertTrue(setCookie(refreshed).startsWith("bazaar_access_token=" + refreshed.path("data.accessToken") + ";"));

        Response logout = given().header("Authorization", "Bearer " + refreshed.path("data.accessToken"))
                .when().post("/api/auth/logout");
        assertEquals(200, logout.statusCode());
        String cleared = setCookie(logout);
        assertTrue(cleared.startsWith("bazaar_access_token=;"), cleared);
        assertTrue(cleared.contains("Max-Age=0"), cleared);
    }

    @Test
    void registrationSetsTheCookieAndBehindHttpsItIsSecure() {
        String username = TestAccounts.unique("c");
        Response registered = TestAccounts.client(TestAccounts.freshAddress()).header("X-Forwarded-Proto", "https")
                .body(Map.of("username", username, "email", username + "@example.test",
                        "password", "correct-horse-battery"))
                .when().post("/api/auth/register");
        assertEquals(201, registered.statusCode());
        String cookie = setCookie(registered);
        assertTrue(cookie.startsWith("bazaar_access_token=" + registered.path("data.accessToken") + ";"), cookie);
        assertTrue(cookie.contains("Secure"), "the trusted proxy said the client used HTTPS: " + cookie);
    }

    private static String setCookie(Response response) {
        String header = response.getHeaders().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("bazaar_access_token=")).findFirst().orElse(null);
        assertTrue(header != null, "no bazaar_access_token cookie in " + response.getHeaders());
        return header;
    }
}
