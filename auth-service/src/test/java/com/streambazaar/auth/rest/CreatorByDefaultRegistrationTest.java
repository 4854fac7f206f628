package com.streambazaar.auth.rest;

import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.streambazaar.auth.rest.TestAccounts.decode;
import static com.streambazaar.auth.rest.TestAccounts.register;
import static com.streambazaar.auth.rest.TestAccounts.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An operator serving the existing web app (its register form sends no role) sets BAZAAR_AUTH_DEFAULT_ROLE=creator:
 * those sign-ups can sell right away. An explicit role still wins; admin still cannot be chosen.
 */
@QuarkusTest
@TestProfile(CreatorByDefaultRegistrationTest.CreatorByDefault.class)
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class CreatorByDefaultRegistrationTest {

    /** Set the way an operator does, through the environment variable's name. */
    public static class CreatorByDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("BAZAAR_AUTH_DEFAULT_ROLE", "creator");
        }
    }

    @Test
    void aRegistrationWithoutARoleMakesACreator() {
        TestAccounts.Account account = register(null);
        assertEquals("creator", account.role());
        assertEquals("creator", decode(account.accessToken())[1].path("groups").get(0).asText());
        given().header("Authorization", account.bearer()).when().get("/api/auth/me")
                .then().statusCode(200).body("data.role", equalTo("creator"));
    }

    @Test
    void anExplicitRoleStillWinsAndAdminIsStillRefused() {
        assertEquals("viewer", register("viewer").role());
        String username = unique("adm");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username + "@example.test", "password", "password-123",
                        "role", "admin"))
                .when().post("/api/auth/register").then().statusCode(400).body("field", equalTo("role"));
    }
}
