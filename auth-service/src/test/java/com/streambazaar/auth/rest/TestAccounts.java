package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.testkit.TestBroker;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

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

    /** A client address of its own (sent as X-Forwarded-For), so one test's failed logins never throttle another's. */
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

    static ValidatableResponse login(String identifier, String password, String address) {
        return client(address).body(Map.of("username", identifier, "password", password))
                .when().post("/api/auth/login").then();
    }

    static RequestSpecification client(String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address + ", 10.0.0.1");
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
