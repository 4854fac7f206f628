package com.streambazaar.analytics.rest;

import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Who may read which figures (API.md), route by route. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class AnalyticsAuthorizationTest {

    static final long OWNER = 7101;
    static final long OTHER_CREATOR = 7102;
    static final UUID SESSION = UUID.randomUUID();
    static final UUID DELETED = UUID.randomUUID();

    private static boolean published;

    @BeforeEach
    void sessions() {
        if (published) {
            return;
        }
        published = true;
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minusSeconds(3600);
        Script.session(SessionState.STARTED, SESSION, OWNER, "olga", "live", t, null, List.of(), null, t);
        Script.session(SessionState.DELETED, DELETED, OWNER, "olga", "ended", t, t.plusSeconds(60), List.of(), null,
                t.plusSeconds(120));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/sessions/" + SESSION + "/reactions").then().statusCode(200));
    }

    /** The creator's routes: the session's creator and admins only. */
    @ParameterizedTest
    @ValueSource(strings = {"/analytics", "/analytics/live", "/analytics/viewers", "/analytics/export?format=csv"})
    void creatorRoutesAreTheCreatorsAndAdmins(String route) {
        String path = "/api/sessions/" + SESSION + route;
        given().when().get(path).then().statusCode(401).body("success", equalTo(false));
        given().auth().oauth2("not.a.token").when().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.forged(OWNER, "olga", "creator")).when().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired(OWNER, "olga", "creator")).when().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer(555, "vic")).when().get(path).then().statusCode(403)
                .body("error", equalTo("forbidden"));
        given().auth().oauth2(TestTokens.creator(OTHER_CREATOR, "otto")).when().get(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.creator(OWNER, "olga")).when().get(path).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(1, "root")).when().get(path).then().statusCode(200);

        String owner = TestTokens.creator(OWNER, "olga");
        given().auth().oauth2(owner).when().get("/api/sessions/" + UUID.randomUUID() + route).then().statusCode(404)
                .body("success", equalTo(false));
        given().auth().oauth2(owner).when().get("/api/sessions/" + DELETED + route).then().statusCode(404);
        given().auth().oauth2(owner).when().get("/api/sessions/not-a-uuid" + route).then().statusCode(400)
                .body("field", equalTo("sessionId"));
    }

    /** Reactions and conversion stats: anyone, even without a token. */
    @ParameterizedTest
    @ValueSource(strings = {"/reactions", "/conversion-stats"})
    void publicRoutesNeedNoToken(String route) {
        given().when().get("/api/sessions/" + SESSION + route).then().statusCode(200).body("success", equalTo(true))
                .body("sessionStatus", route.equals("/reactions") ? equalTo(null) : equalTo("live"));
        given().auth().oauth2(TestTokens.viewer(555, "vic")).when().get("/api/sessions/" + SESSION + route)
                .then().statusCode(200);
        given().when().get("/api/sessions/" + UUID.randomUUID() + route).then().statusCode(404);
        given().when().get("/api/sessions/" + DELETED + route).then().statusCode(404);
        given().when().get("/api/sessions/1-2-3-4-5" + route).then().statusCode(400).body("field", equalTo("sessionId"));
    }

    @Test
    void creatorWideFiguresAreThatCreatorsOrAnAdmins() {
        String path = "/api/analytics/creator/" + OWNER;
        given().when().get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.creator(OTHER_CREATOR, "otto")).when().get(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer(OWNER + 1, "vic")).when().get(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.creator(OWNER, "olga")).when().get(path).then().statusCode(200)
                .body("creatorId", equalTo((int) OWNER)).body("data.sessions.total", equalTo(1))
                .body("data.sessions.byStatus.live", equalTo(1));
        given().auth().oauth2(TestTokens.admin(1, "root")).when().get(path).then().statusCode(200);
        // a creator with no sessions yet has zeros, not a 404
        given().auth().oauth2(TestTokens.creator(OTHER_CREATOR, "otto")).when()
                .get("/api/analytics/creator/" + OTHER_CREATOR).then().statusCode(200)
                .body("data.sessions.total", equalTo(0)).body("data.viewers.totalUnique", equalTo(0));
        given().auth().oauth2(TestTokens.admin(1, "root")).when().get("/api/analytics/creator/abc").then().statusCode(400)
                .body("field", equalTo("creatorId"));
    }

    @Test
    void exportRefusesOtherFormats() {
        String owner = TestTokens.creator(OWNER, "olga");
        given().auth().oauth2(owner).when().get("/api/sessions/" + SESSION + "/analytics/export?format=xlsx")
                .then().statusCode(400).body("field", equalTo("format"));
        given().auth().oauth2(owner).when().get("/api/sessions/" + SESSION + "/analytics/export?include=everything")
                .then().statusCode(400).body("field", equalTo("include"));
        given().auth().oauth2(owner).when().get("/api/sessions/" + SESSION + "/analytics/viewers?limit=0")
                .then().statusCode(400).body("field", equalTo("limit"));
    }
}
