package com.streambazaar.catalog;

import com.streambazaar.testkit.TestBroker;
import com.streambazaar.testkit.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static io.restassured.config.JsonConfig.jsonConfig;

/** What every catalog test needs: unique users and words (tests share one database), tokens and product creation. */
final class CatalogApi {

    private static final AtomicLong USER_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(10_000, 1_000_000) * 100);

    static {
        // money is read back exactly (19.90 stays 19.90, scale included) so assertions see what clients see
        RestAssured.config = RestAssured.config().jsonConfig(jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private CatalogApi() {
    }

    /** Call first in every test class (it installs the exact-money JSON config). */
    static void init() {
        // the static initializer did the work
    }

    static long newUserId() {
        return USER_IDS.incrementAndGet();
    }

    /** A fresh word of lower-case letters, so searches and categories of one test never see another's. */
    static String word() {
        StringBuilder word = new StringBuilder("w");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString().toLowerCase(Locale.ROOT);
    }

    static String creator(long id) {
        return TestTokens.creator(id, "creator" + id);
    }

    static String viewer(long id) {
        return TestTokens.viewer(id, "viewer" + id);
    }

    static String admin(long id) {
        return TestTokens.admin(id, "admin" + id);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static ExtractableResponse<Response> create(String token, String json) {
        return as(token).body(json).when().post("/api/products").then().statusCode(201).extract();
    }

    static String createId(String token, String json) {
        return create(token, json).path("id");
    }

    static String product(String name, String price) {
        return "{\"name\":\"" + name + "\",\"price\":" + price + "}";
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(TestBroker.jdbcUrl(), "postgres", "");
    }

    static UUID uuid(String id) {
        return UUID.fromString(id);
    }
}
