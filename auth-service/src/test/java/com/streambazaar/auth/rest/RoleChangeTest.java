package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.auth.rest.TestAccounts.adminBearer;
import static com.streambazaar.auth.rest.TestAccounts.body;
import static com.streambazaar.auth.rest.TestAccounts.decode;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Self-service role changes: a viewer becomes a creator (and back), never an admin. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class RoleChangeTest {

    @Test
    void registrationWithoutARoleMakesAViewerByDefault() {
        TestAccounts.Account account = register(null);
        assertEquals("viewer", account.role());
        assertEquals("viewer", role(account.accessToken()));
    }

    @Test
    void aViewerBecomesACreatorWithAFreshAccessTokenAndRefreshKeepsTheNewRole() {
        TestAccounts.Account account = register(null);
        JsonNode data = body(update(account.bearer(), Map.of("role", "creator"), false).statusCode(200)
                .body("success", equalTo(true))
                .body("data.id", equalTo((int) account.id()))
                .body("data.username", equalTo(account.username()))
                .body("data.email", equalTo(account.email()))
                .body("data.role", equalTo("creator"))
                .body("data.updatedAt", notNullValue())
                .body("data.accessToken", notNullValue())).path("data");
        String upgraded = data.path("accessToken").asText();
        assertEquals("creator", role(upgraded));
        // the fresh token belongs to the same login, so logout with it still ends this login
        assertEquals(decode(account.accessToken())[1].path("sid").asText(), decode(upgraded)[1].path("sid").asText());
        given().header("Authorization", "Bearer " + upgraded).when().get("/api/auth/me")
                .then().statusCode(200).body("data.role", equalTo("creator"));

        JsonNode refreshed = body(AuthFlowTest.refresh(account.refreshToken()).statusCode(200)
                .body("data.user.role", equalTo("creator"))).path("data");
        assertEquals("creator", role(refreshed.path("accessToken").asText()));

        EventProbe.Received event = EventProbe.await(Topics.USERS, e -> String.valueOf(account.id()).equals(e.path("key").asText())
                && "user.updated".equals(e.path("type").asText())
                && "creator".equals(e.path("data").path("role").asText()), 1, Duration.ofSeconds(30)).get(0);
        EventSchemas.assertValid(event.envelope());

        // PUT works the same; sending the role one already has changes nothing and hands out no token
        update("Bearer " + upgraded, Map.of("role", "creator"), true).statusCode(200)
                .body("data.role", equalTo("creator")).body("data", not(hasKey("accessToken")));
    }

    @Test
    void nobodyBecomesAnAdminThisWay() {
        TestAccounts.Account viewer = register(null);
        update(viewer.bearer(), Map.of("role", "admin"), false).statusCode(403).body("success", equalTo(false))
                .body("message", notNullValue());
        update(viewer.bearer(), Map.of("role", "admin"), true).statusCode(403);
        TestAccounts.Account creator = register("creator");
        update(creator.bearer(), Map.of("role", "admin"), false).statusCode(403);
        update(viewer.bearer(), Map.of("role", "superuser"), false).statusCode(400).body("field", equalTo("role"));
        update(viewer.bearer(), Map.of("role", ""), false).statusCode(400).body("field", equalTo("role"));
        given().contentType(ContentType.JSON).header("Authorization", viewer.bearer()).body("{\"role\": 1}")
                .when().post("/api/auth/update").then().statusCode(400).body("field", equalTo("role"));
        given().header("Authorization", viewer.bearer()).when().get("/api/auth/me")
                .then().statusCode(200).body("data.role", equalTo("viewer"));
        // an admin's own role is not changed here either
        update(adminBearer(), Map.of("role", "creator"), false).statusCode(403);
    }

    @Test
    void aCreatorStepsDownToViewerOnlyWithoutALiveOrPausedSession() {
        TestAccounts.Account creator = register("creator");
        UUID session = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionEvents.publish(SessionState.STARTED, session, creator, "live", t0);
        SessionEvents.awaitLive(creator.id(), true);
        update(creator.bearer(), Map.of("role", "viewer"), false).statusCode(409).body("success", equalTo(false))
                .body("message", notNullValue());

        SessionEvents.publish(SessionState.PAUSED, session, creator, "paused", t0.plusSeconds(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "paused".equals(SessionEvents.liveStatus(creator.id())));
        update(creator.bearer(), Map.of("role", "viewer"), true).statusCode(409);

        SessionEvents.publish(SessionState.ENDED, session, creator, "ended", t0.plusSeconds(2));
        SessionEvents.awaitLive(creator.id(), false);
        JsonNode data = body(update(creator.bearer(), Map.of("role", "viewer"), true).statusCode(200)
                .body("data.role", equalTo("viewer"))).path("data");
        assertEquals("viewer", role(data.path("accessToken").asText()));
    }

    private static ValidatableResponse update(String bearer, Map<String, Object> body, boolean put) {
        var request = given().contentType(ContentType.JSON).header("Authorization", bearer).body(body).when();
        return (put ? request.put("/api/auth/update") : request.post("/api/auth/update")).then();
    }

    private static String role(String accessToken) {
        JsonNode groups = decode(accessToken)[1].path("groups");
        assertEquals(1, groups.size());
        return groups.get(0).asText();
    }
}
