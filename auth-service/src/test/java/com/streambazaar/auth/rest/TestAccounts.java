package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.testkit.TestBroker;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Accounts made through the real API, with unique names so test classes never collide. */
final class TestAccounts {

    static final ObjectMapper JSON = new ObjectMapper();
    /** quarkus.http.proxy.trusted-proxies in the %test profile. */
    static final String TRUSTED_PROXY = "127.0.0.2";
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    /** One registered account and the tokens its registration returned. */
    record Account(long id, String username, String email, String password, String role, String accessToken,
                   String refreshToken) {
        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    private TestAccounts() {
    }

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /**
     * A client address of its own, so one test's failed logins never throttle another's: sent as X-Forwarded-For by
     * {@link #client}, which connects from the trusted proxy address.
     */
    static String freshAddress() {
        int n = ADDRESS.getAndIncrement();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    static Account register(String role) {
        String username = unique("u");
        String email = username + "@example.test";
        String password = "pass-" + UUID.randomUUID();
        Map<String, Object> body = role == null
                ? Map.of("username", username, "email", email, "password", password)
                : Map.of("username", username, "email", email, "password", password, "role", role);
        JsonNode data = body(given().contentType(ContentType.JSON).body(body).when().post("/api/auth/register")
                .then().statusCode(201)).path("data");
        return new Account(data.path("user").path("id").asLong(), username, email, password,
                data.path("user").path("role").asText(), data.path("accessToken").asText(),
                data.path("refreshToken").asText());
    }

    /** The bootstrap admin of the %test profile, freshly signed in. */
    static String adminBearer() {
        return "Bearer " + body(login("root-admin", "bootstrap-secret-123", freshAddress()).statusCode(200))
                .path("data").path("accessToken").asText();
    }

    static ValidatableResponse login(String identifier, String password, String address) {
        return client(address).body(Map.of("username", identifier, "password", password))
                .when().post("/api/auth/login").then();
    }

    /**
     * A request as the edge forwards it: from the trusted proxy address (127.0.0.2 in the %test profile), with the
     * client's address in X-Forwarded-For, which Quarkus then reports as the remote address.
     */
    static RequestSpecification client(String address) {
        return given().config(fromTrustedProxy()).contentType(ContentType.JSON)
                .header("X-Forwarded-For", address + ", 10.0.0.1");
    }

    /** rest-assured's Apache HttpClient binds its sockets to this local address (loopback: all of 127/8 is ours). */
    static RestAssuredConfig fromTrustedProxy() {
        try {
            return RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", InetAddress.getByName(TRUSTED_PROXY)));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode body(ValidatableResponse response) {
        try {
            return JSON.readTree(response.extract().asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The decoded header ([0]) and claims ([1]) of a JWT, without verifying it. */
    static JsonNode[] decode(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return new JsonNode[] {
                JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)),
                JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))};
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(TestBroker.jdbcUrl(), "postgres", "");
    }
}
