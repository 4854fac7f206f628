package com.streambazaar.common.backbone;

import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the HTTP layer refuses before any resource runs, and browser apps on other origins: every answer is the
 * shared JSON error body with a human message, and carries CORS headers.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class HttpEdgeCasesTest {

    private static final String ORIGIN = "http://shop.example.test";

    @ParameterizedTest
    @ValueSource(strings = {"/test/notes/%E0%A4%A", "/test/notes/%zz", "/test/notes/%C3%28", "/test/notes?q=%E0%A4%A",
            "/test/notes/a%00b", "/test/notes?q=%00", "/test/notes?q=a%0Db", "/test/notes/x|y"})
    void unparseableOrControlCharacterUrisAreAJson400(String target) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, target, "Origin: " + ORIGIN);
        assertEquals(400, answer.status(), target + " -> " + answer);
        assertTrue(answer.body().contains("\"success\":false"), answer.body());
        assertTrue(answer.body().contains("\"message\":\"The request URI"), answer.body());
        assertEquals(ORIGIN, answer.header("Access-Control-Allow-Origin"), "the error is readable cross-origin");
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), "refusals carry the security headers too");
    }

    @Test
    void answersCarryTheSecurityHeadersAndHstsOnlyOverHttps() {
        RawHttp.Answer plain = RawHttp.get(RestAssured.port, "/test/notes/none");
        assertEquals("nosniff", plain.header("X-Content-Type-Options"), plain.toString());
        assertEquals("DENY", plain.header("X-Frame-Options"), plain.toString());
        assertEquals("no-referrer", plain.header("Referrer-Policy"), plain.toString());
        assertTrue(plain.header("Content-Security-Policy").contains("frame-ancestors 'none'"), plain.toString());
        assertEquals(null, plain.header("Strict-Transport-Security"), "plain HTTP: no HSTS");
        // the test client is a trusted proxy (127.0.0.1) saying the request came over HTTPS
        RawHttp.Answer https = RawHttp.get(RestAssured.port, "/test/notes/none", "X-Forwarded-Proto: https");
        assertTrue(https.header("Strict-Transport-Security").startsWith("max-age="), https.toString());
    }

    @Test
    void overlongUriIsAJson414() {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, "/test/notes?q=" + "a".repeat(9000), "Origin: " + ORIGIN);
        assertEquals(414, answer.status());
        assertTrue(answer.body().contains("\"error\":\"uri_too_long\""), answer.body());
        assertEquals(ORIGIN, answer.header("Access-Control-Allow-Origin"));
    }

    @Test
    void oversizedHeadersAreAJson431() {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, "/test/notes", "Origin: " + ORIGIN,
                "X-Padding: " + "p".repeat(40 * 1024));
        assertEquals(431, answer.status());
        assertTrue(answer.body().contains("\"error\":\"headers_too_large\""), answer.body());
    }

    @Test
    void chunkedBodiesAreReadUpToTheLimitAndRefusedPastIt() {
        RawHttp.Answer small = RawHttp.exchange("127.0.0.1", RestAssured.port, chunkedPost("{\"text\":\"chunked\"}", 1));
        assertEquals(201, small.status(), "a chunked body under the limit reaches the resource: " + small);
        // 40 chunks of 10,000 bytes: 400 KB, over the 256 KB limit, with no Content-Length to refuse up front
        RawHttp.Answer large = RawHttp.exchange("127.0.0.1", RestAssured.port, chunkedPost("c".repeat(10_000), 40));
        assertEquals(413, large.status(), large.toString());
        assertTrue(large.body().contains("\"error\":\"payload_too_large\""), large.body());
    }

    private static String chunkedPost(String chunk, int chunks) {
        StringBuilder request = new StringBuilder("POST /test/notes HTTP/1.1\r\nHost: localhost:" + RestAssured.port
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < chunks; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    @Test
    void oversizedBodyIsA413ReadableCrossOrigin() {
        given().header("Origin", ORIGIN).contentType(ContentType.JSON).body("{\"text\":\"" + "x".repeat(300 * 1024) + "\"}")
                .when().post("/test/notes")
                .then().statusCode(413).body("error", equalTo("payload_too_large"))
                .header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void missingTokenIsA401ReadableCrossOrigin() {
        given().header("Origin", ORIGIN).when().get("/test/notes/mine")
                .then().statusCode(401).body("success", equalTo(false)).body("message", containsString("token"))
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
    }

    @Test
    void unknownRouteIsA404ReadableCrossOrigin() {
        given().header("Origin", ORIGIN).when().get("/api/nothing-here")
                .then().statusCode(404).body("message", equalTo("Route GET /api/nothing-here not found"))
                .header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void preflightAllowsTheMethodAndHeadersAsked() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/test/notes")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("authorization"))
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Max-Age", "600");
    }

    @Test
    void noOriginNoCorsHeaders() {
        given().when().get("/api/nothing-here").then().statusCode(404).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void nulInAJsonBodyIsA400NotA500() {
        given().contentType(ContentType.JSON).body("{\"text\":\"a\\u0000b\"}")
                .when().post("/test/notes")
                .then().statusCode(400).body("success", equalTo(false)).body("message", containsString("NUL"));
    }
}
