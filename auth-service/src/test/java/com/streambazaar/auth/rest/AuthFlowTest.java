package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.streambazaar.auth.rest.TestAccounts.body;
import static com.streambazaar.auth.rest.TestAccounts.decode;
import static com.streambazaar.auth.rest.TestAccounts.freshAddress;
import static com.streambazaar.auth.rest.TestAccounts.login;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented auth routes, answering as API.md says, end to end on real Postgres and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class AuthFlowTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void registerAnswersTheEnvelopeWithOwnUserAndTokens() {
        String username = unique("Reg");
        JsonNode body = body(given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@Example.test", "password", "correct horse 1",
                        "favouriteColour", "ignored"))
                .when().post("/api/auth/register")
                .then().statusCode(201)
                .body("success", equalTo(true))
                .body("message", equalTo("User registered successfully"))
                .body("data.user.username", equalTo(username))
                .body("data.user.email", equalTo(username + "@Example.test"))
                .body("data.user.role", equalTo("viewer"))
                .body("data.user", not(hasKey("password")))
                .body("data.user", not(hasKey("passwordHash")))
                .body("data.accessToken", notNullValue())
                .body("data.refreshToken", notNullValue()));
        JsonNode user = body.path("data").path("user");
        assertTrue(user.path("id").isIntegralNumber(), "user ids are integers");
        assertTrue(user.path("createdAt").asText().endsWith("Z"));
        assertEquals(user.path("createdAt").asText(), user.path("updatedAt").asText());
        assertEquals(43, body.path("data").path("refreshToken").asText().length(), "256 random bits, base64url");
    }

    @Test
    void creatorMayRegisterAsCreator() {
        TestAccounts.Account creator = register("creator");
        assertEquals("creator", creator.role());
        given().header("Authorization", creator.bearer()).when().get("/api/auth/me")
                .then().statusCode(200).body("data.role", equalTo("creator"));
    }

    @Test
    void loginAcceptsUsernameOrEmailInAnyCase() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        login(account.username(), account.password(), address).statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Login successful"))
                .body("data.user.id", equalTo((int) account.id()))
                .body("data.user.email", equalTo(account.email()))
                .body("data.accessToken", notNullValue())
                .body("data.refreshToken", notNullValue());
        login(account.email().toUpperCase(), account.password(), address).statusCode(200)
                .body("data.user.username", equalTo(account.username()));
        login(account.username().toUpperCase(), account.password(), address).statusCode(200);
        // a client sending {email, password} is understood too
        TestAccounts.client(address).body(Map.of("email", account.email(), "password", account.password()))
                .when().post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void accessTokenCarriesTheDocumentedClaimsAndVerifiesAgainstThePublishedJwks() throws Exception {
        TestAccounts.Account account = register("creator");
        JsonNode[] token = decode(account.accessToken());
        JsonNode header = token[0];
        JsonNode claims = token[1];
        assertEquals("RS256", header.path("alg").asText());
        assertEquals(String.valueOf(account.id()), claims.path("sub").asText());
        assertEquals(account.username(), claims.path("upn").asText());
        assertEquals("creator", claims.path("groups").get(0).asText());
        assertEquals(1, claims.path("groups").size());
        assertEquals("stream-bazaar", claims.path("iss").asText());
        assertFalse(claims.path("jti").asText().isEmpty());
        assertEquals(15 * 60, claims.path("exp").asLong() - claims.path("iat").asLong(), "15 minute access tokens");

        JsonNode jwks = body(given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .contentType(ContentType.JSON));
        JsonNode key = null;
        for (JsonNode candidate : jwks.path("keys")) {
            assertEquals("RSA", candidate.path("kty").asText());
            assertEquals("sig", candidate.path("use").asText());
            assertEquals("RS256", candidate.path("alg").asText());
            if (candidate.path("kid").asText().equals(header.path("kid").asText())) {
                key = candidate;
            }
        }
        assertTrue(key != null, "the token's kid is published in the JWKS");
        assertFalse(jwks.toString().contains("\"d\""), "no private part is ever published");

        // verify as another service would: public key from n and e, SHA256withRSA over header.payload
        Base64.Decoder b64 = Base64.getUrlDecoder();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, b64.decode(key.path("n").asText())), new BigInteger(1, b64.decode(key.path("e").asText()))));
        String[] parts = account.accessToken().split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(b64.decode(parts[2])), "token signature verifies with the published key");
    }

    @Test
    void currentUserAndMeAnswerTheOwnUserWithEmail() {
        TestAccounts.Account account = register(null);
        for (String path : List.of("/api/auth/currentUser", "/api/auth/me")) {
            given().header("Authorization", account.bearer()).when().get(path)
                    .then().statusCode(200)
                    .body("success", equalTo(true))
                    .body("data.id", equalTo((int) account.id()))
                    .body("data.username", equalTo(account.username()))
                    .body("data.email", equalTo(account.email()))
                    .body("data.role", equalTo("viewer"))
                    .body("data.createdAt", notNullValue())
                    .body("data.updatedAt", notNullValue());
        }
    }

    @Test
    void updateChangesUsernameThroughPostAndPutAndPublishesUserUpdated() {
        TestAccounts.Account account = register(null);
        String renamed = unique("Renamed");
        given().contentType(ContentType.JSON).header("Authorization", account.bearer())
                .body(Map.of("username", renamed))
                .when().post("/api/auth/update")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.username", equalTo(renamed))
                .body("data.email", equalTo(account.email()))
                .body("data.role", equalTo("viewer"))
                .body("data", not(hasKey("accessToken")));
        String again = unique("Put");
        given().contentType(ContentType.JSON).header("Authorization", account.bearer())
                .body(Map.of("username", again))
                .when().put("/api/auth/update")
                .then().statusCode(200).body("data.username", equalTo(again));
        given().header("Authorization", account.bearer()).when().get("/api/auth/currentUser")
                .then().statusCode(200).body("data.username", equalTo(again)).body("data.role", equalTo("viewer"));

        List<EventProbe.Received> updates = EventProbe.await(Topics.USERS,
                e -> "user.updated".equals(e.path("type").asText())
                        && again.equals(e.path("data").path("username").asText()), 1, Duration.ofSeconds(30));
        JsonNode envelope = updates.get(0).envelope();
        EventSchemas.assertValid(envelope);
        assertEquals(String.valueOf(account.id()), updates.get(0).key(), "keyed by user id");
        assertEquals(account.id(), envelope.path("data").path("id").asLong());
        assertEquals("viewer", envelope.path("data").path("role").asText());
        assertFalse(updates.get(0).raw().contains(account.email()), "events never carry the email");
    }

    @Test
    void registrationPublishesAValidUserRegisteredEvent() {
        TestAccounts.Account account = register("creator");
        List<EventProbe.Received> events = EventProbe.await(Topics.USERS,
                e -> String.valueOf(account.id()).equals(e.path("key").asText())
                        && "user.registered".equals(e.path("type").asText()), 1, Duration.ofSeconds(30));
        EventProbe.Received event = events.get(0);
        EventSchemas.assertValid(event.envelope());
        assertEquals(String.valueOf(account.id()), event.key());
        JsonNode data = event.envelope().path("data");
        assertEquals(account.username(), data.path("username").asText());
        assertEquals("creator", data.path("role").asText());
        assertEquals("auth-service", event.envelope().path("source").asText());
        assertFalse(event.raw().contains(account.email()), "events never carry the email");
        assertFalse(event.raw().contains("$2"), "events never carry the password hash");
    }

    @Test
    void changingEmailOrPasswordNeedsTheCurrentPassword() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        given().contentType(ContentType.JSON).header("Authorization", account.bearer())
                .body(Map.of("email", unique("new") + "@example.test"))
                .when().post("/api/auth/update")
                .then().statusCode(400).body("field", equalTo("currentPassword")).body("success", equalTo(false));
        given().contentType(ContentType.JSON).header("Authorization", account.bearer())
                .body(Map.of("password", "a-new-password-1"))
                .when().post("/api/auth/update")
                .then().statusCode(400).body("field", equalTo("currentPassword"));
        TestAccounts.client(address).header("Authorization", account.bearer())
                .body(Map.of("password", "a-new-password-1", "currentPassword", "not-my-password"))
                .when().post("/api/auth/update")
                .then().statusCode(400).body("error", equalTo("invalid_current_password"))
                .body("field", equalTo("currentPassword"));

        String newEmail = unique("new") + "@example.test";
        TestAccounts.client(address).header("Authorization", account.bearer())
                .body(Map.of("email", newEmail, "currentPassword", account.password()))
                .when().post("/api/auth/update")
                .then().statusCode(200).body("data.email", equalTo(newEmail));
        login(newEmail, account.password(), address).statusCode(200);
    }

    @Test
    void newPasswordWorksOldOneStopsAndOtherDevicesAreSignedOut() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        String otherDeviceRefresh = body(login(account.username(), account.password(), address).statusCode(200))
                .path("data").path("refreshToken").asText();
        TestAccounts.client(address).header("Authorization", account.bearer())
                .body(Map.of("password", "brand-new-password", "currentPassword", account.password()))
                .when().put("/api/auth/update")
                .then().statusCode(200).body("data.id", equalTo((int) account.id()));

        login(account.username(), account.password(), address).statusCode(401);
        login(account.username(), "brand-new-password", address).statusCode(200);
        // the device that changed the password keeps its login; the other one is signed out
        refresh(account.refreshToken()).statusCode(200);
        refresh(otherDeviceRefresh).statusCode(401);
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeFamily() {
        TestAccounts.Account account = register(null);
        JsonNode first = body(refresh(account.refreshToken()).statusCode(200)
                .body("success", equalTo(true))
                .body("data.user.id", equalTo((int) account.id()))
                .body("data.user.email", equalTo(account.email())));
        String second = first.path("data").path("refreshToken").asText();
        assertNotEquals(account.refreshToken(), second, "every refresh hands out a new refresh token");
        given().header("Authorization", "Bearer " + first.path("data").path("accessToken").asText())
                .when().get("/api/auth/me").then().statusCode(200);

        String third = body(refresh(second).statusCode(200)).path("data").path("refreshToken").asText();

        // the first token again: a leak. Refused, and the newest token of that login dies with it.
        refresh(account.refreshToken()).statusCode(401).body("success", equalTo(false));
        refresh(third).statusCode(401);
    }

    @Test
    void severalDevicesStayLoggedInAndReuseOnOneLeavesTheOthers() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        String phone = body(login(account.username(), account.password(), address).statusCode(200))
                .path("data").path("refreshToken").asText();
        String laptop = body(login(account.username(), account.password(), address).statusCode(200))
                .path("data").path("refreshToken").asText();

        String phoneNext = body(refresh(phone).statusCode(200)).path("data").path("refreshToken").asText();
        refresh(phone).statusCode(401);
        refresh(phoneNext).statusCode(401);

        refresh(laptop).statusCode(200);
        refresh(account.refreshToken()).statusCode(200);
    }

    @Test
    void logoutRevokesTheGivenLoginAndTheCallersOwn() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        JsonNode other = body(login(account.username(), account.password(), address).statusCode(200)).path("data");

        given().contentType(ContentType.JSON).header("Authorization", account.bearer())
                .body(Map.of("refreshToken", other.path("refreshToken").asText()))
                .when().post("/api/auth/logout")
                .then().statusCode(200).body("success", equalTo(true)).body("message", notNullValue())
                .body("$", not(hasKey("data")));
        refresh(other.path("refreshToken").asText()).statusCode(401);

        // without a body: just 200, and the login the access token belongs to ends
        given().header("Authorization", account.bearer()).when().post("/api/auth/logout")
                .then().statusCode(200).body("success", equalTo(true));
        refresh(account.refreshToken()).statusCode(401);

        // someone else's refresh token is not revoked by my logout
        TestAccounts.Account stranger = register(null);
        JsonNode mine = body(login(account.username(), account.password(), address).statusCode(200)).path("data");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + mine.path("accessToken").asText())
                .body(Map.of("refreshToken", stranger.refreshToken()))
                .when().post("/api/auth/logout").then().statusCode(200);
        refresh(stranger.refreshToken()).statusCode(200);
    }

    @Test
    void expiredRefreshTokensAreRefusedAndPurged() throws Exception {
        TestAccounts.Account account = register(null);
        try (Connection c = TestAccounts.db(); PreparedStatement expire = c.prepareStatement(
                "update auth.refresh_token set expires_at = now() - interval '1 minute' where user_id = ?")) {
            expire.setLong(1, account.id());
            assertEquals(1, expire.executeUpdate());
        }
        refresh(account.refreshToken()).statusCode(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> tokensOf(account.id()) == 0);
    }

    @Test
    void bootstrapAdminFromConfigurationCanLogIn() {
        JsonNode data = body(login("root-admin", "bootstrap-secret-123", freshAddress()).statusCode(200)
                .body("data.user.role", equalTo("admin"))
                .body("data.user.email", equalTo("root-admin@example.test"))).path("data");
        assertEquals("admin", decode(data.path("accessToken").asText())[1].path("groups").get(0).asText());
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() throws Exception {
        TestAccounts.Account account = register(null);
        try (Connection c = TestAccounts.db(); PreparedStatement query = c.prepareStatement(
                "select token_hash from auth.refresh_token where user_id = ?")) {
            query.setLong(1, account.id());
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                String stored = rs.getString(1);
                assertNotEquals(account.refreshToken(), stored);
                assertEquals(64, stored.length(), "SHA-256, hex");
            }
        }
        try (Connection c = TestAccounts.db(); PreparedStatement query = c.prepareStatement(
                "select password_hash from auth.users where id = ?")) {
            query.setLong(1, account.id());
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                String hash = rs.getString(1);
                assertTrue(hash.matches("\\$2[aby]?\\$(1[0-9])\\$.{53}"), "bcrypt with cost >= 10: " + hash.substring(0, 7));
            }
        }
    }

    static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/auth/refresh-token").then();
    }

    private static int tokensOf(long userId) throws Exception {
        try (Connection c = TestAccounts.db(); PreparedStatement query = c.prepareStatement(
                "select count(*) from auth.refresh_token where user_id = ?")) {
            query.setLong(1, userId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
