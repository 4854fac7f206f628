package com.streambazaar.common.backbone;

import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** The shared error shapes every service answers with. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ErrorMappingTest {

    @Test
    void unknownRouteIsTheSeedSystemsNotFound() {
        given().when().get("/api/nothing-here")
                .then().statusCode(404)
                .body("success", equalTo(false))
                .body("error", equalTo("Not Found"))
                .body("message", equalTo("Route GET /api/nothing-here not found"));
    }

    @Test
    void malformedJsonIsA400WithAMessage() {
        given().contentType(ContentType.JSON).body("{\"text\": ")
                .when().post("/test/notes")
                .then().statusCode(400).body("success", equalTo(false)).body("error", equalTo("invalid_json"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"text\": {\"nested\": true}}")
                .when().post("/test/notes")
                .then().statusCode(400).body("field", equalTo("text"));
    }

    @Test
    void refusalCarriesFieldAndMessage() {
        given().contentType(ContentType.JSON).body("{\"text\": \"  \"}")
                .when().post("/test/notes")
                .then().statusCode(400).body("field", equalTo("text")).body("message", equalTo("text is required"));
    }

    @Test
    void internalFailureHidesInternals() {
        given().contentType(ContentType.JSON).body("{\"text\":\"fail-internals\"}")
                .when().post("/test/notes")
                .then().statusCode(500).body("error", equalTo("internal_error"))
                .body("message", not(containsString("IllegalStateException")))
                .body("message", not(containsString("on purpose")));
    }

    @Test
    void oversizedBodyIsA413InTheSharedShape() {
        given().contentType(ContentType.JSON).body("{\"text\":\"" + "x".repeat(300 * 1024) + "\"}")
                .when().post("/test/notes")
                .then().statusCode(413).body("success", equalTo(false)).body("error", equalTo("payload_too_large"));
    }

    @Test
    void healthIsUpWithDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
