package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.RawHttp;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static com.streambazaar.auth.rest.TestAccounts.body;
import static com.streambazaar.auth.rest.TestAccounts.freshAddress;
import static com.streambazaar.auth.rest.TestAccounts.login;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every refusal of the auth routes: bad input, duplicates, bad tokens, same answer for every failed login. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class AuthRefusalTest {

    // ---- registration input ----

    @Test
    void registrationRoleIsViewerOrCreatorOnly() {
        for (String role : List.of("admin", "superuser", "ADMIN", "")) {
            registerWith(Map.of("role", role)).statusCode(400).body("field", equalTo("role"))
                    .body("success", equalTo(false)).body("error", equalTo("validation_error"));
        }
    }

    @Test
    void everyRegistrationFieldIsValidated() {
        assertRefused(Map.of("username", "ab"), "username");
        assertRefused(Map.of("username", "a".repeat(51)), "username");
        assertRefused(Map.of("username", "has space"), "username");
        assertRefused(Map.of("username", "bad/char"), "username");
        assertRefused(Map.of("username", "émile"), "username");
        assertRefused(Map.of("email", "not-an-email"), "email");
        assertRefused(Map.of("email", "a@b"), "email");
        assertRefused(Map.of("email", "x".repeat(250) + "@example.test"), "email");
        assertRefused(Map.of("password", "short"), "password");
        assertRefused(Map.of("password", "p".repeat(129)), "password");
        for (String field : List.of("username", "email", "password")) {
            Map<String, Object> body = new HashMap<>(validRegistration());
            body.remove(field);
            given().contentType(ContentType.JSON).body(body).when().post("/api/auth/register")
                    .then().statusCode(400).body("field", equalTo(field)).body("message", equalTo(field + " is required"));
        }
    }

    @Test
    void boundaryLengthsAreAccepted() {
        String threeCharacters = unique("b").substring(0, 3);
        registerWith(Map.of("username", threeCharacters, "password", "p".repeat(128))).statusCode(201);
        String fiftyCharacters = unique("L") + "y".repeat(38);
        assertEquals(50, fiftyCharacters.length());
        registerWith(Map.of("username", fiftyCharacters, "password", "12345678")).statusCode(201);
    }

    @Test
    void longPasswordsCountInFullBeyondBcrypts72Bytes() {
        String common = "x".repeat(100);
        Map<String, Object> body = new HashMap<>(validRegistration());
        body.put("password", common + "A");
        JsonNode user = body(given().contentType(ContentType.JSON).body(body).when().post("/api/auth/register")
                .then().statusCode(201)).path("data").path("user");
        String address = freshAddress();
        login(user.path("username").asText(), common + "B", address).statusCode(401);
        login(user.path("username").asText(), common + "A", address).statusCode(200);
    }

    @Test
    void malformedJsonWrongTypesAndMissingBodyAre400() {
        given().contentType(ContentType.JSON).body("{\"username\": ").when().post("/api/auth/register")
                .then().statusCode(400).body("error", equalTo("invalid_json")).body("success", equalTo(false));
        given().contentType(ContentType.JSON).body("{\"username\": \"abc\",,}").when().post("/api/auth/login")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
        for (Map.Entry<String, String> wrong : Map.of(
                "username", "{\"username\": 12345, \"email\": \"a@b.co\", \"password\": \"12345678\"}",
                "password", "{\"username\": \"abcdef\", \"email\": \"a@b.co\", \"password\": true}",
                "email", "{\"username\": \"abcdef\", \"email\": [\"a@b.co\"], \"password\": \"12345678\"}",
                "role", "{\"username\": \"abcdef\", \"email\": \"a@b.co\", \"password\": \"12345678\", \"role\": {\"x\": 1}}")
                .entrySet()) {
            given().contentType(ContentType.JSON).body(wrong.getValue()).when().post("/api/auth/register")
                    .then().statusCode(400).body("field", equalTo(wrong.getKey())).body("success", equalTo(false));
        }
        given().contentType(ContentType.JSON).body("{\"username\": \"someone\", \"password\": 12345678}")
                .when().post("/api/auth/login").then().statusCode(400).body("field", equalTo("password"));
        given().contentType(ContentType.JSON).body("{\"refreshToken\": 42}")
                .when().post("/api/auth/refresh-token").then().statusCode(400).body("field", equalTo("refreshToken"));
        given().contentType(ContentType.JSON).when().post("/api/auth/register")
                .then().statusCode(400).body("success", equalTo(false)).body("message", notNullValue());
        given().contentType(ContentType.JSON).body("{}").when().post("/api/auth/login")
                .then().statusCode(400).body("field", equalTo("username"));
        given().contentType(ContentType.JSON).body("{\"username\": \"someone\"}").when().post("/api/auth/login")
                .then().statusCode(400).body("field", equalTo("password"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/auth/refresh-token")
                .then().statusCode(400).body("field", equalTo("refreshToken"));
    }

    @Test
    void oversizedFieldsAndBodiesAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("username", "u".repeat(300), "password", "whatever1"))
                .when().post("/api/auth/login").then().statusCode(400).body("field", equalTo("username"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "r".repeat(500)))
                .when().post("/api/auth/refresh-token").then().statusCode(400).body("field", equalTo("refreshToken"));
        Map<String, Object> huge = new HashMap<>(validRegistration());
        huge.put("padding", "z".repeat(40_000));
        given().contentType(ContentType.JSON).body(huge).when().post("/api/auth/register")
                .then().statusCode(413);
    }

    @Test
    void logoutBodyIsOptionalButValidatedWhenSent() {
        TestAccounts.Account account = register(null);
        given().contentType(ContentType.JSON).header("Authorization", account.bearer()).body("{\"refreshToken\": ")
                .when().post("/api/auth/logout").then().statusCode(400).body("error", equalTo("invalid_json"));
        given().contentType(ContentType.JSON).header("Authorization", account.bearer()).body("{\"refreshToken\": 5}")
                .when().post("/api/auth/logout").then().statusCode(400).body("field", equalTo("refreshToken"));
        given().contentType(ContentType.JSON).header("Authorization", account.bearer()).body("{}")
                .when().post("/api/auth/logout").then().statusCode(200).body("success", equalTo(true));
        given().contentType("text/plain").header("Authorization", account.bearer())
                .body("{\"refreshToken\": \"" + account.refreshToken() + "\"}")
                .when().post("/api/auth/logout").then().statusCode(415).body("success", equalTo(false));
    }

    @Test
    void aBodilessLogoutNeedsNoContentType() {
        for (String contentType : new String[] {null, "application/x-www-form-urlencoded", "text/plain"}) {
            TestAccounts.Account account = register(null);
            String request = "POST /api/auth/logout HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + "Authorization: " + account.bearer() + "\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "Content-Length: 0\r\n\r\n";
            // the test kit's raw client: no HTTP library adds a Content-Type of its own
            RawHttp.Answer answer = RawHttp.exchange("127.0.0.1", RestAssured.port, request);
            assertEquals(200, answer.status(), contentType + ": " + answer.body());
            AuthFlowTest.refresh(account.refreshToken()).statusCode(401);
        }
    }

    // ---- duplicates ----

    @Test
    void duplicateUsernameOrEmailIs409WhateverTheCase() {
        TestAccounts.Account taken = register(null);
        registerWith(Map.of("username", taken.username().toUpperCase()))
                .statusCode(409).body("error", equalTo("username_taken")).body("success", equalTo(false));
        registerWith(Map.of("email", taken.email().toUpperCase()))
                .statusCode(409).body("error", equalTo("email_taken"));
        registerWith(Map.of("username", "root-admin")).statusCode(409).body("error", equalTo("username_taken"));

        TestAccounts.Account other = register(null);
        given().contentType(ContentType.JSON).header("Authorization", other.bearer())
                .body(Map.of("username", taken.username()))
                .when().post("/api/auth/update").then().statusCode(409).body("error", equalTo("username_taken"));
        given().contentType(ContentType.JSON).header("Authorization", other.bearer())
                .body(Map.of("email", taken.email(), "currentPassword", other.password()))
                .when().post("/api/auth/update").then().statusCode(409).body("error", equalTo("email_taken"));
    }

    @Test
    void racingRegistrationsForOneNameCreateOneAccount() throws Exception {
        String username = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String email = unique("race" + i) + "@example.test";
                attempts.add(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("username", username, "email", email, "password", "race-password"))
                        .when().post("/api/auth/register").then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- update input ----

    @Test
    void updateValidatesEveryField() {
        TestAccounts.Account account = register(null);
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("username", "x"),
                Map.<String, Object>of("email", "nope", "currentPassword", account.password()),
                Map.<String, Object>of("password", "short", "currentPassword", account.password()))) {
            given().contentType(ContentType.JSON).header("Authorization", account.bearer()).body(bad)
                    .when().post("/api/auth/update").then().statusCode(400)
                    .body("field", equalTo(bad.keySet().stream().filter(k -> !k.equals("currentPassword")).findFirst().orElseThrow()));
        }
        given().contentType(ContentType.JSON).header("Authorization", account.bearer()).body("{}")
                .when().put("/api/auth/update").then().statusCode(400).body("success", equalTo(false));
        given().contentType(ContentType.JSON).header("Authorization", account.bearer()).body("{\"username\": 7}")
                .when().put("/api/auth/update").then().statusCode(400).body("field", equalTo("username"));
    }

    // ---- tokens ----

    @Test
    void protectedRoutesRefuseMissingForgedUnsignedExpiredAndForeignTokens() throws Exception {
        TestAccounts.Account account = register(null);
        String expired = ownKeyToken(account, "stream-bazaar", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600));
        String wrongIssuer = ownKeyToken(account, "someone-else", Instant.now(), Instant.now().plusSeconds(600));
        String[] parts = account.accessToken().split("\\.");
        String tamperedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"viewer\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + tamperedClaims + "." + parts[2];
        Map<String, String> refused = Map.of(
                "forged (unknown key)", TestTokens.forged(account.id(), account.username(), "viewer"),
                "alg none", TestTokens.unsigned(account.id(), account.username(), "viewer"),
                "expired", expired,
                "wrong issuer", wrongIssuer,
                "tampered claims", tampered,
                // signed by the test kit's key: valid elsewhere, but not one of auth-service's own keys
                "foreign key", TestTokens.viewer(account.id(), account.username()),
                "garbage", "not.a.jwt");
        for (Map.Entry<String, String> token : refused.entrySet()) {
            for (String path : List.of("/api/auth/currentUser", "/api/auth/me")) {
                given().header("Authorization", "Bearer " + token.getValue()).when().get(path)
                        .then().statusCode(401).body("success", equalTo(false));
            }
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token.getValue())
                    .body(Map.of("username", unique("hijack"))).when().post("/api/auth/update")
                    .then().statusCode(401);
        }
        given().when().get("/api/auth/currentUser").then().statusCode(401).body("success", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("username", unique("x"))).when().put("/api/auth/update")
                .then().statusCode(401);
        given().when().post("/api/auth/logout").then().statusCode(401);
        // the genuine token still works
        given().header("Authorization", account.bearer()).when().get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void unknownOrGarbageRefreshTokensAre401() {
        AuthFlowTest.refresh("definitely-not-a-token").statusCode(401).body("success", equalTo(false));
        AuthFlowTest.refresh(UUID.randomUUID().toString()).statusCode(401);
    }

    // ---- login failures and throttling ----

    @Test
    void wrongUserAndWrongPasswordGetTheSameAnswer() {
        TestAccounts.Account account = register(null);
        String address = freshAddress();
        JsonNode wrongPassword = body(login(account.username(), "not-the-password", address).statusCode(401));
        JsonNode wrongUser = body(login(unique("nobody"), "not-the-password", address).statusCode(401));
        assertEquals(wrongPassword, wrongUser);
        assertEquals("Invalid credentials", wrongUser.path("message").asText());
        assertEquals(false, wrongUser.path("success").asBoolean());
    }

    @Test
    void adminRoutesOfTheSeedSystemAreNoLongerOpen() {
        TestAccounts.Account account = register(null);
        given().when().delete("/api/users/" + account.id()).then().statusCode(401).body("success", equalTo(false));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/users").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").when().put("/api/users/" + account.id()).then().statusCode(401);
        given().when().get("/api/auth/nothing").then().statusCode(404)
                .body("message", equalTo("Route GET /api/auth/nothing not found"));
    }

    // ---- helpers ----

    private static Map<String, Object> validRegistration() {
        String username = unique("v");
        return Map.of("username", username, "email", username + "@example.test", "password", "valid-password");
    }

    private static io.restassured.response.ValidatableResponse registerWith(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(validRegistration());
        body.putAll(overrides);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/auth/register").then();
    }

    private static void assertRefused(Map<String, Object> overrides, String field) {
        registerWith(overrides).statusCode(400).body("field", equalTo(field)).body("success", equalTo(false))
                .body("message", notNullValue());
    }

    /** A token signed with auth-service's own active key (from its key folder), with the given issuer and times. */
    private static String ownKeyToken(TestAccounts.Account account, String issuer, Instant issuedAt, Instant expiresAt)
            throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("bazaar.auth.keys-dir", String.class));
        Path keyFile;
        try (Stream<Path> files = Files.list(dir)) {
            keyFile = files.filter(f -> f.toString().endsWith(".pem")).findFirst().orElseThrow();
        }
        String kid = keyFile.getFileName().toString().replace(".pem", "");
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return Jwt.issuer(issuer).subject(String.valueOf(account.id())).upn(account.username()).groups(Set.of("viewer"))
                .claim("jti", UUID.randomUUID().toString()).issuedAt(issuedAt).expiresAt(expiresAt)
                .jws().keyId(kid).sign(key);
    }
}
