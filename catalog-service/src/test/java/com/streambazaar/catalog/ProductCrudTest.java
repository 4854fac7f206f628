package com.streambazaar.catalog;

import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.catalog.CatalogApi.admin;
import static com.streambazaar.catalog.CatalogApi.as;
import static com.streambazaar.catalog.CatalogApi.create;
import static com.streambazaar.catalog.CatalogApi.createId;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.product;
import static com.streambazaar.catalog.CatalogApi.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Product CRUD as clients use it: bare JSON, statuses, ownership. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ProductCrudTest {

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    @Test
    void creatorCreatesABareProductAndAnyoneReadsIt() {
        long seller = newUserId();
        ExtractableResponse<Response> created = as(creator(seller)).body("""
                        {"name": "  Desk Lamp  ", "description": "Warm light", "price": 19.9, "originalPrice": "25",
                         "category": "  Home   Decor ", "imageUrl": "https://img.example.com/lamp.png",
                         "sellerId": 1, "id": "00000000-0000-0000-0000-000000000000"}""")
                .when().post("/api/products")
                .then().statusCode(201)
                .header("Location", containsString("/api/products/"))
                .body("$", not(hasKey("success")))
                .body("name", equalTo("Desk Lamp"))
                .body("description", equalTo("Warm light"))
                .body("price", equalTo(new BigDecimal("19.90")))
                .body("originalPrice", equalTo(new BigDecimal("25.00")))
                .body("category", equalTo("Home Decor"))
                .body("inStock", equalTo(true))
                .body("stock", nullValue())
                .body("imageUrl", equalTo("https://img.example.com/lamp.png"))
                .body("sellerId", equalTo((int) seller))
                .extract();
        String id = created.path("id");
        UUID.fromString(id);
        assertTrue(!id.equals("00000000-0000-0000-0000-000000000000"), "the id is never taken from the body");
        assertTrue(created.header("Location").endsWith("/api/products/" + id));
        String createdAt = created.path("createdAt");
        assertTrue(createdAt.endsWith("Z"), "UTC ISO-8601");
        Instant.parse(createdAt);
        assertEquals(createdAt, created.path("updatedAt"));
        assertTrue(created.asString().contains("\"price\":19.90"), "money is a JSON number with two decimals: " + created.asString());
        assertTrue(created.asString().contains("\"stock\":null"), "absent values are null, not missing");

        String fetched = given().when().get("/api/products/" + id)
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        assertEquals(created.asString(), fetched, "GET by id answers the same bare product, publicly");
    }

    @Test
    void adminMayCreateAndBecomesTheSeller() {
        long adminId = newUserId();
        as(admin(adminId)).body(product("Admin thing", "1")).when().post("/api/products")
                .then().statusCode(201).body("sellerId", equalTo((int) adminId));
    }

    @Test
    void viewerMayNotCreate() {
        as(viewer(newUserId())).body(product("Nope", "1")).when().post("/api/products")
                .then().statusCode(403)
                .body("success", equalTo(false)).body("error", equalTo("forbidden")).body("message", notNullValue());
    }

    @Test
    void writesNeedAValidToken() {
        long user = newUserId();
        given().contentType(ContentType.JSON).body(product("No token", "1")).when().post("/api/products")
                .then().statusCode(401).body("success", equalTo(false)).body("error", notNullValue());
        for (String bad : new String[]{TestTokens.expired(user, "u" + user, "creator"),
                TestTokens.forged(user, "u" + user, "creator"), TestTokens.unsigned(user, "u" + user, "creator"),
                "garbage"}) {
            as(bad).body(product("Bad token", "1")).when().post("/api/products")
                    .then().statusCode(401).body("success", equalTo(false));
        }
        String id = createId(creator(user), product("Mine", "1"));
        given().contentType(ContentType.JSON).body("{\"price\": 2}").when().put("/api/products/" + id)
                .then().statusCode(401);
        given().when().delete("/api/products/" + id).then().statusCode(401);
        as(TestTokens.forged(user, "u" + user, "creator")).when().delete("/api/products/" + id).then().statusCode(401);
        given().when().get("/api/products/" + id).then().statusCode(200).body("price", equalTo(new BigDecimal("1.00")));
    }

    @Test
    void putChangesOnlyTheFieldsSent() {
        long seller = newUserId();
        String token = creator(seller);
        ExtractableResponse<Response> created = create(token, """
                {"name": "Mug", "description": "Blue mug", "price": 8, "originalPrice": 10, "category": "Kitchen",
                 "stock": 4, "imageUrl": "http://img.example.com/mug.jpg"}""");
        String id = created.path("id");

        ExtractableResponse<Response> updated = as(token).body("{\"price\": 7.5}").when().put("/api/products/" + id)
                .then().statusCode(200)
                .body("price", equalTo(new BigDecimal("7.50")))
                .body("name", equalTo("Mug")).body("description", equalTo("Blue mug"))
                .body("originalPrice", equalTo(new BigDecimal("10.00"))).body("category", equalTo("Kitchen"))
                .body("stock", equalTo(4)).body("inStock", equalTo(true))
                .body("imageUrl", equalTo("http://img.example.com/mug.jpg"))
                .body("createdAt", equalTo(created.path("createdAt")))
                .extract();
        assertTrue(Instant.parse(updated.path("updatedAt")).isAfter(Instant.parse(created.path("createdAt"))));

        // null clears the optional fields
        as(token).body("""
                        {"description": null, "originalPrice": null, "category": null, "stock": null, "imageUrl": null,
                         "name": " Big Mug "}""")
                .when().put("/api/products/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Big Mug")).body("description", nullValue()).body("originalPrice", nullValue())
                .body("category", nullValue()).body("stock", nullValue()).body("imageUrl", nullValue())
                .body("inStock", equalTo(true)).body("price", equalTo(new BigDecimal("7.50")));

        given().when().get("/api/products/" + id).then().statusCode(200)
                .body("name", equalTo("Big Mug")).body("description", nullValue());
    }

    @Test
    void emptyUpdateChangesNothing() {
        String token = creator(newUserId());
        ExtractableResponse<Response> created = create(token, product("Still", "3"));
        as(token).body("{}").when().put("/api/products/" + created.path("id"))
                .then().statusCode(200).body("updatedAt", equalTo(created.path("updatedAt")));
        as(token).body("{\"name\": \"Still\", \"price\": \"3.00\"}").when().put("/api/products/" + created.path("id"))
                .then().statusCode(200).body("updatedAt", equalTo(created.path("updatedAt")));
    }

    @Test
    void onlyTheSellerOrAnAdminChangesAProduct() {
        long seller = newUserId();
        String id = createId(creator(seller), product("Guarded", "5"));

        for (String intruder : new String[]{creator(newUserId()), viewer(newUserId())}) {
            as(intruder).body("{\"price\": 1}").when().put("/api/products/" + id)
                    .then().statusCode(403).body("success", equalTo(false)).body("error", equalTo("forbidden"));
            as(intruder).when().delete("/api/products/" + id)
                    .then().statusCode(403).body("error", equalTo("forbidden"));
        }
        given().when().get("/api/products/" + id).then().statusCode(200).body("price", equalTo(new BigDecimal("5.00")));

        String adminToken = admin(newUserId());
        as(adminToken).body("{\"price\": 4}").when().put("/api/products/" + id)
                .then().statusCode(200).body("price", equalTo(new BigDecimal("4.00"))).body("sellerId", equalTo((int) seller));
        as(adminToken).when().delete("/api/products/" + id).then().statusCode(204);
        given().when().get("/api/products/" + id).then().statusCode(404);
    }

    @Test
    void deleteAnswers204WithoutBodyThenTheProductIsGone() {
        String token = creator(newUserId());
        String id = createId(token, product("Short lived", "2"));
        as(token).when().delete("/api/products/" + id).then().statusCode(204).body(emptyString());
        given().when().get("/api/products/" + id).then().statusCode(404)
                .body("success", equalTo(false)).body("error", equalTo("not_found")).body("message", containsString(id));
        as(token).when().delete("/api/products/" + id).then().statusCode(404);
    }

    @Test
    void unknownIdIs404() {
        String unknown = UUID.randomUUID().toString();
        String token = creator(newUserId());
        given().when().get("/api/products/" + unknown).then().statusCode(404).body("error", equalTo("not_found"));
        as(token).body("{\"price\": 1}").when().put("/api/products/" + unknown).then().statusCode(404);
        as(token).when().delete("/api/products/" + unknown).then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "1-2-3-4-5", "00000000-0000-0000-0000-00000000000g", "%20"})
    void malformedIdIs400(String id) {
        String token = creator(newUserId());
        given().when().get("/api/products/" + id).then().statusCode(400)
                .body("success", equalTo(false)).body("field", equalTo("id")).body("message", notNullValue());
        as(token).body("{\"price\": 1}").when().put("/api/products/" + id).then().statusCode(400).body("field", equalTo("id"));
        as(token).when().delete("/api/products/" + id).then().statusCode(400).body("field", equalTo("id"));
    }

    @Test
    void literalSubPathsAreNotTakenForIds() {
        given().when().get("/api/products/categories").then().statusCode(200).body("$", notNullValue());
        given().when().get("/api/products/in-stock").then().statusCode(401);
        as(viewer(newUserId())).when().get("/api/products/in-stock").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void unknownRouteIsTheSeedSystemsNotFound() {
        given().when().get("/api/products/a/b/c").then().statusCode(404)
                .body("error", equalTo("Not Found")).body("message", equalTo("Route GET /api/products/a/b/c not found"));
    }

    @Test
    void readyWithDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentsTheRoutes() {
        Map<String, Object> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        assertTrue(paths.containsKey("/api/products/{id}"));
        assertTrue(paths.containsKey("/api/search/products"));
    }
}
