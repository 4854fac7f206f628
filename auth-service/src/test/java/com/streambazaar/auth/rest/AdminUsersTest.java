package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.auth.rest.TestAccounts.adminBearer;
import static com.streambazaar.auth.rest.TestAccounts.body;
import static com.streambazaar.auth.rest.TestAccounts.decode;
import static com.streambazaar.auth.rest.TestAccounts.freshAddress;
import static com.streambazaar.auth.rest.TestAccounts.login;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin user management: POST /api/users, PUT /api/users/:id, DELETE /api/users/:id (deactivation). */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class AdminUsersTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    // ---- who may call ----

    @Test
    void onlyAdminsMayManageUsers() {
        TestAccounts.Account target = register(null);
        Map<String, Object> newUser = newUser("viewer");
        Map<String, String> refusedWith401 = Map.of("no token", "", "invalid token", "Bearer not.a.jwt");
        for (Map.Entry<String, String> caller : refusedWith401.entrySet()) {
            as(caller.getValue()).body(newUser).when().post("/api/users").then().statusCode(401).body("success", equalTo(false));
            as(caller.getValue()).body(Map.of("role", "admin")).when().put("/api/users/" + target.id())
                    .then().statusCode(401);
            as(caller.getValue()).when().delete("/api/users/" + target.id()).then().statusCode(401);
        }
        for (String role : List.of("viewer", "creator")) {
            String bearer = register(role).bearer();
            as(bearer).body(newUser).when().post("/api/users").then().statusCode(403).body("success", equalTo(false));
            as(bearer).body(Map.of("role", "admin")).when().put("/api/users/" + target.id()).then().statusCode(403);
            as(bearer).when().delete("/api/users/" + target.id()).then().statusCode(403);
        }
        // nothing happened to the target
        given().when().get("/api/users/" + target.id()).then().statusCode(200).body("data.role", equalTo("viewer"));
    }

    // ---- create ----

    @Test
    void adminCreatesAccountsOfAnyRoleAndTheyCanSignIn() {
        String admin = adminBearer();
        Map<String, Object> creator = newUser("creator");
        JsonNode created = body(as(admin).body(creator).when().post("/api/users").then().statusCode(201)
                .body("success", equalTo(true))
                .body("data.username", equalTo(creator.get("username")))
                .body("data.email", equalTo(creator.get("email")))
                .body("data.role", equalTo("creator"))
                .body("data.createdAt", notNullValue())
                .body("data.updatedAt", notNullValue())
                .body("data", not(hasKey("password")))
                .body("data", not(hasKey("accessToken")))).path("data");
        long id = created.path("id").asLong();
        login((String) creator.get("username"), (String) creator.get("password"), freshAddress()).statusCode(200)
                .body("data.user.role", equalTo("creator"));

        EventProbe.Received event = EventProbe.await(Topics.USERS, e -> String.valueOf(id).equals(e.path("key").asText())
                && "user.registered".equals(e.path("type").asText()), 1, Duration.ofSeconds(30)).get(0);
        EventSchemas.assertValid(event.envelope());
        assertTrue(event.envelope().path("data").path("active").asBoolean());
        assertFalse(event.raw().contains((String) creator.get("email")), "events never carry the email");

        // an admin may create admins, and the new admin may manage users
        Map<String, Object> secondAdmin = newUser("admin");
        as(admin).body(secondAdmin).when().post("/api/users").then().statusCode(201).body("data.role", equalTo("admin"));
        String secondBearer = "Bearer " + body(login((String) secondAdmin.get("username"),
                (String) secondAdmin.get("password"), freshAddress()).statusCode(200)).path("data").path("accessToken").asText();
        as(secondBearer).body(newUser(null)).when().post("/api/users").then().statusCode(201)
                .body("data.role", equalTo("viewer"));
    }

    @Test
    void createValidatesLikeRegistration() {
        String admin = adminBearer();
        TestAccounts.Account taken = register(null);
        Map<String, String> badFields = Map.of("username", "x", "email", "not-an-email", "password", "short",
                "role", "superuser");
        for (Map.Entry<String, String> bad : badFields.entrySet()) {
            Map<String, Object> user = newUser("viewer");
            user.put(bad.getKey(), bad.getValue());
            as(admin).body(user).when().post("/api/users").then().statusCode(400).body("field", equalTo(bad.getKey()));
        }
        Map<String, Object> missingPassword = newUser("viewer");
        missingPassword.remove("password");
        as(admin).body(missingPassword).when().post("/api/users").then().statusCode(400).body("field", equalTo("password"));
        as(admin).body("{\"username\": 12}").when().post("/api/users").then().statusCode(400).body("field", equalTo("username"));
        as(admin).when().post("/api/users").then().statusCode(400).body("success", equalTo(false));

        Map<String, Object> sameName = newUser("viewer");
        sameName.put("username", taken.username().toUpperCase());
        as(admin).body(sameName).when().post("/api/users").then().statusCode(409).body("error", equalTo("username_taken"));
        Map<String, Object> sameEmail = newUser("viewer");
        sameEmail.put("email", taken.email());
        as(admin).body(sameEmail).when().post("/api/users").then().statusCode(409).body("error", equalTo("email_taken"));
    }

    // ---- update ----

    @Test
    void adminChangesNameEmailAndRoleAndPublishesUserUpdated() {
        String admin = adminBearer();
        TestAccounts.Account account = register(null);
        String renamed = unique("Managed");
        String email = renamed + "@example.test";
        as(admin).body(Map.of("username", renamed, "email", email, "role", "creator"))
                .when().put("/api/users/" + account.id())
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.id", equalTo((int) account.id()))
                .body("data.username", equalTo(renamed))
                .body("data.email", equalTo(email))
                .body("data.role", equalTo("creator"));
        given().when().get("/api/users/" + account.id()).then().statusCode(200)
                .body("data.username", equalTo(renamed)).body("data.role", equalTo("creator"));
        // the user's next refresh carries the new role
        JsonNode refreshed = body(AuthFlowTest.refresh(account.refreshToken()).statusCode(200)).path("data");
        assertEquals("creator", decode(refreshed.path("accessToken").asText())[1].path("groups").get(0).asText());

        EventProbe.Received event = EventProbe.await(Topics.USERS, e -> "user.updated".equals(e.path("type").asText())
                && renamed.equals(e.path("data").path("username").asText()), 1, Duration.ofSeconds(30)).get(0);
        EventSchemas.assertValid(event.envelope());
        assertEquals(String.valueOf(account.id()), event.key());
        assertEquals("creator", event.envelope().path("data").path("role").asText());
        assertFalse(event.raw().contains(email), "events never carry the email");
    }

    @Test
    void updateRefusesBadInputDuplicatesUnknownUsersAndSelfDemotion() {
        String admin = adminBearer();
        TestAccounts.Account account = register(null);
        TestAccounts.Account other = register(null);
        String path = "/api/users/" + account.id();
        as(admin).body(Map.of("role", "superuser")).when().put(path).then().statusCode(400).body("field", equalTo("role"));
        as(admin).body(Map.of("username", "a b")).when().put(path).then().statusCode(400).body("field", equalTo("username"));
        as(admin).body(Map.of("email", "nope")).when().put(path).then().statusCode(400).body("field", equalTo("email"));
        as(admin).body(Map.of("password", "a-new-password")).when().put(path).then().statusCode(400)
                .body("field", equalTo("password"));
        as(admin).body("{}").when().put(path).then().statusCode(400).body("success", equalTo(false));
        as(admin).body(Map.of("username", other.username())).when().put(path).then().statusCode(409)
                .body("error", equalTo("username_taken"));
        as(admin).body(Map.of("email", other.email().toUpperCase())).when().put(path).then().statusCode(409)
                .body("error", equalTo("email_taken"));
        as(admin).body(Map.of("role", "creator")).when().put("/api/users/999999999").then().statusCode(404);
        as(admin).body(Map.of("role", "creator")).when().put("/api/users/abc").then().statusCode(400).body("field", equalTo("id"));

        long adminId = decodeId(admin);
        as(admin).body(Map.of("role", "viewer")).when().put("/api/users/" + adminId).then().statusCode(403);
        given().when().get("/api/users/" + adminId).then().statusCode(200).body("data.role", equalTo("admin"));
    }

    @Test
    void aHostOfALiveSessionCannotBeMadeAViewer() {
        String admin = adminBearer();
        TestAccounts.Account creator = register("creator");
        UUID session = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionEvents.publish(SessionState.STARTED, session, creator, "live", t0);
        SessionEvents.awaitLive(creator.id(), true);
        as(admin).body(Map.of("role", "viewer")).when().put("/api/users/" + creator.id()).then().statusCode(409)
                .body("success", equalTo(false)).body("message", notNullValue());
        SessionEvents.publish(SessionState.ENDED, session, creator, "ended", t0.plusSeconds(5));
        SessionEvents.awaitLive(creator.id(), false);
        as(admin).body(Map.of("role", "viewer")).when().put("/api/users/" + creator.id()).then().statusCode(200)
                .body("data.role", equalTo("viewer"));
    }

    // ---- delete = deactivate ----

    @Test
    void deletingDeactivatesTheAccountEverywhereButKeepsIt() throws Exception {
        String admin = adminBearer();
        TestAccounts.Account account = register("creator");
        String address = freshAddress();
        String otherLogin = body(login(account.username(), account.password(), address).statusCode(200))
                .path("data").path("refreshToken").asText();
        UUID session = UUID.randomUUID();
        SessionEvents.publish(SessionState.STARTED, session, account, "live", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        SessionEvents.awaitLive(account.id(), true);
        JsonNode wrongPassword = body(login(account.username(), "not-the-password", freshAddress()).statusCode(401));

        as(admin).when().delete("/api/users/" + account.id()).then().statusCode(200)
                .body("success", equalTo(true)).body("message", notNullValue()).body("$", not(hasKey("data")));

        // sign-in refused with the same answer as a wrong password (nothing leaks)
        JsonNode refused = body(login(account.username(), account.password(), freshAddress()).statusCode(401));
        assertEquals(wrongPassword, refused);
        login(account.email(), account.password(), freshAddress()).statusCode(401);
        // every login revoked, and refresh refused
        AuthFlowTest.refresh(account.refreshToken()).statusCode(401);
        AuthFlowTest.refresh(otherLogin).statusCode(401);
        // the still-unexpired access token no longer works here
        given().header("Authorization", account.bearer()).when().get("/api/auth/me").then().statusCode(401);
        given().header("Authorization", account.bearer()).when().get("/api/auth/currentUser").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", account.bearer())
                .body(Map.of("username", unique("back"))).when().post("/api/auth/update").then().statusCode(401);
        // unlisted
        given().when().get("/api/users/" + account.id()).then().statusCode(404);
        assertFalse(listed(account.id()), "a deactivated user is not in GET /api/users");
        assertFalse(SessionEvents.listedAsLive(account.id()), "nor in /api/users/live");
        // its name stays taken, so nobody can pose as it
        given().contentType(ContentType.JSON)
                .body(Map.of("username", account.username(), "email", unique("x") + "@example.test", "password", "password-123"))
                .when().post("/api/auth/register").then().statusCode(409);
        // history kept: the row is still there
        try (Connection c = TestAccounts.db(); PreparedStatement query = c.prepareStatement(
                "select deactivated_at from auth.users where id = ?")) {
            query.setLong(1, account.id());
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), "the account is kept");
                assertNotNull(rs.getTimestamp(1));
            }
        }

        EventProbe.Received event = EventProbe.await(Topics.USERS, e -> String.valueOf(account.id()).equals(e.path("key").asText())
                && "user.deactivated".equals(e.path("type").asText()), 1, Duration.ofSeconds(30)).get(0);
        EventSchemas.assertValid(event.envelope());
        JsonNode data = event.envelope().path("data");
        assertFalse(data.path("active").asBoolean(true));
        assertTrue(data.path("deactivatedAt").isTextual());
        assertEquals(account.username(), data.path("username").asText());
        assertFalse(event.raw().contains(account.email()), "events never carry the email");

        // once deactivated it is gone for the admin routes too
        as(admin).when().delete("/api/users/" + account.id()).then().statusCode(404);
        as(admin).body(Map.of("role", "viewer")).when().put("/api/users/" + account.id()).then().statusCode(404);
        as(admin).when().delete("/api/users/999999999").then().statusCode(404);
        as(admin).when().delete("/api/users/x1").then().statusCode(400).body("field", equalTo("id"));
    }

    @Test
    void anAdminCannotDeleteThemselvesAndADeletedAdminLosesAdminRightsAtOnce() {
        String admin = adminBearer();
        as(admin).when().delete("/api/users/" + decodeId(admin)).then().statusCode(403);
        given().when().get("/api/users/" + decodeId(admin)).then().statusCode(200);

        Map<String, Object> second = newUser("admin");
        long secondId = body(as(admin).body(second).when().post("/api/users").then().statusCode(201))
                .path("data").path("id").asLong();
        String secondBearer = "Bearer " + body(login((String) second.get("username"), (String) second.get("password"),
                freshAddress()).statusCode(200)).path("data").path("accessToken").asText();
        as(admin).when().delete("/api/users/" + secondId).then().statusCode(200);
        // its access token is still unexpired, but the account behind it is gone
        as(secondBearer).body(newUser("viewer")).when().post("/api/users").then().statusCode(401);
        as(secondBearer).when().delete("/api/users/" + register(null).id()).then().statusCode(401);
    }

    // ---- helpers ----

    private static io.restassured.specification.RequestSpecification as(String bearer) {
        var request = given().contentType(ContentType.JSON);
        return bearer.isEmpty() ? request : request.header("Authorization", bearer);
    }

    private static Map<String, Object> newUser(String role) {
        String username = unique("adm");
        Map<String, Object> user = new HashMap<>(Map.of("username", username, "email", username + "@example.test",
                "password", "managed-" + UUID.randomUUID()));
        if (role != null) {
            user.put("role", role);
        }
        return user;
    }

    private static long decodeId(String bearer) {
        return decode(bearer.substring("Bearer ".length()))[1].path("sub").asLong();
    }

    /** Walks every page of GET /api/users. */
    private static boolean listed(long userId) {
        for (int offset = 0; ; offset += 100) {
            ValidatableResponse page = given().when().get("/api/users?limit=100&offset=" + offset).then().statusCode(200);
            JsonNode data = body(page).path("data");
            for (JsonNode user : data) {
                if (user.path("id").asLong() == userId) {
                    return true;
                }
            }
            if (data.size() < 100) {
                return false;
            }
        }
    }
}
