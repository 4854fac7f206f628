package com.streambazaar.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * One creator's show through the edge, as a client sees it. Each step needs the previous service's event to have
 * crossed Kafka into the next service's own schema: products reach session-service, sessions reach auth-service
 * (live users), realtime-service (rooms) and analytics-service; tokens from auth-service are verified by every
 * other service against its JWKS.
 */
@ExtendWith(SharedStack.class)
class CrossServiceFlowIT {

    @BeforeAll
    static void pointAtTheEdge() {
        RestAssured.baseURI = SharedStack.stack().baseUrl();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void aShowCrossesEveryService() {
        given().when().get("/health").then().statusCode(200).body("status", equalTo("ok"));

        String username = "creator_" + UUID.randomUUID().toString().substring(0, 8);
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.com",
                        "password", "correct-horse-battery", "role", "creator"))
                .when().post("/api/auth/register")
                .then().statusCode(201).body("success", equalTo(true))
                .extract().path("data.accessToken");

        // catalog-service verifies auth-service's token through the JWKS
        String productId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Linen jacket", "price", 89.90, "category", "Fashion"))
                .when().post("/api/products")
                .then().statusCode(201).body("name", equalTo("Linen jacket"))
                .extract().path("id");

        // session-service accepts the product only once catalog's product event reached its read model
        String[] sessionId = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                sessionId[0] = given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("title", "Autumn drop", "productIds", List.of(productId)))
                        .when().post("/api/sessions")
                        .then().statusCode(201).extract().path("data.id"));

        given().when().get("/api/sessions/" + sessionId[0])
                .then().statusCode(200)
                .body("data.products.id", hasItem(productId))
                .body("data.creator.username", equalTo(username));

        given().auth().oauth2(token).when().post("/api/sessions/" + sessionId[0] + "/start-stream")
                .then().statusCode(200).body("data.role", equalTo("publisher")).body("data.token", notNullValue());

        // auth-service learns who is live from session events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/users/live")
                        .then().statusCode(200)
                        .body("data.find { it.username == '" + username + "' }.liveSession.id", equalTo(sessionId[0])));

        // realtime-service and analytics-service know the room from the same events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + sessionId[0] + "/chat/count")
                        .then().statusCode(200).body("data.count", equalTo(0)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + sessionId[0] + "/reactions")
                        .then().statusCode(200).body("data.sessionStatus", equalTo("live")));
    }

    @Test
    void unknownRoutesAndForgedTokensAreRefusedAtEveryService() {
        given().when().get("/api/nothing").then().statusCode(404)
                .body("success", equalTo(false)).body("message", equalTo("Route GET /api/nothing not found"));
        given().auth().oauth2("not.a.token").when().get("/api/products").then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get("/api/sessions").then().statusCode(401);
    }
}
