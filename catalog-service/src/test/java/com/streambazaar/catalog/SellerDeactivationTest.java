package com.streambazaar.catalog;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.catalog.CatalogApi.admin;
import static com.streambazaar.catalog.CatalogApi.as;
import static com.streambazaar.catalog.CatalogApi.createId;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.word;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * user.deactivated (and {@code active} in every user event): the seller's products leave the catalog without being
 * deleted, the seller cannot sell any more, and a late older event revives nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class SellerDeactivationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    @Test
    void aDeactivatedSellersProductsLeaveTheCatalogButAreKept() throws SQLException {
        long seller = newUserId();
        String token = creator(seller);
        String tag = word();
        String category = "Cat " + tag;
        publish(UserState.REGISTERED, UserState.active(seller, "maker" + seller, "creator", T0, T0));
        await().atMost(WAIT).until(() -> sellerActive(seller) != null);
        String id = createId(token, "{\"name\": \"Lamp " + tag + "\", \"price\": 5, \"category\": \"" + category + "\"}");
        String other = createId(token, "{\"name\": \"Vase " + tag + "\", \"price\": 7, \"stock\": 3}");
        assertListed(token, id, tag, category, true);

        publish(UserState.DEACTIVATED, deactivated(seller, T0.plusSeconds(120)));
        await().atMost(WAIT).until(() -> given().when().get("/api/products/" + id).then().extract().statusCode() == 404);
        assertListed(token, id, tag, category, false);
        given().when().get("/api/products/" + other).then().statusCode(404);

        // the token stays valid for a while, but the account may no longer sell or change anything
        as(token).body("{\"name\": \"New\", \"price\": 1}").when().post("/api/products").then().statusCode(403)
                .body("success", equalTo(false)).body("message", equalTo("This account has been deactivated"));
        as(token).body("{\"price\": 1}").when().put("/api/products/" + id).then().statusCode(403)
                .body("message", equalTo("This account has been deactivated"));
        as(token).when().delete("/api/products/" + id).then().statusCode(403);
        as(token).body("{\"quantity\": 1}").when().post("/api/products/" + other + "/stock/decrement").then().statusCode(403);
        // nobody else sees or changes them either
        as(admin(newUserId())).body("{\"price\": 1}").when().put("/api/products/" + id).then().statusCode(404);

        // history stays: the rows are there, unchanged
        assertEquals(2, productsInDatabase(seller));
        assertEquals(Boolean.FALSE, sellerActive(seller));

        // a late, older state (redelivered or reordered) revives nothing
        publish(UserState.UPDATED, UserState.active(seller, "maker" + seller, "creator", T0, T0.plusSeconds(60)));
        awaitConsumedAfterEverythingOf(seller);
        given().when().get("/api/products/" + id).then().statusCode(404);
        assertEquals(Boolean.FALSE, sellerActive(seller));

        // a newer state that says active brings the account back, products included (active counts in every event)
        publish(UserState.UPDATED, UserState.active(seller, "maker" + seller, "creator", T0, T0.plusSeconds(600)));
        await().atMost(WAIT).until(() -> given().when().get("/api/products/" + id).then().extract().statusCode() == 200);
        assertListed(token, id, tag, category, true);
    }

    @Test
    void activeFalseInAnyUserEventHidesTheProducts() {
        long seller = newUserId();
        String token = creator(seller);
        String id = createId(token, "{\"name\": \"Chair\", \"price\": 20}");
        UserState deactivated = deactivated(seller, T0.plusSeconds(5));
        publish(UserState.UPDATED, deactivated);
        await().atMost(WAIT).until(() -> given().when().get("/api/products/" + id).then().extract().statusCode() == 404);
        as(token).body("{\"name\": \"New\", \"price\": 1}").when().post("/api/products").then().statusCode(403);
    }

    @Test
    void userEventsWrittenBeforeTheActiveFieldExistedKeepTheSellerActive() throws SQLException {
        long seller = newUserId();
        String token = creator(seller);
        String id = createId(token, "{\"name\": \"Old shape\", \"price\": 2}");
        // hand-written on purpose: the shape of user events from before "active" existed (the record always has it)
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("id", seller);
        legacy.put("username", "legacy" + seller);
        legacy.put("role", "creator");
        legacy.put("createdAt", T0.toString());
        legacy.put("updatedAt", T0.plusSeconds(1).toString());
        String key = String.valueOf(seller);
        EventProbe.publish(Topics.USERS, key, EventProbe.envelope(UUID.randomUUID(), UserState.UPDATED, "auth-service", key, legacy));
        await().atMost(WAIT).until(() -> sellerActive(seller) != null);
        assertEquals(Boolean.TRUE, sellerActive(seller));
        given().when().get("/api/products/" + id).then().statusCode(200);
        as(token).body("{\"name\": \"Still selling\", \"price\": 1}").when().post("/api/products").then().statusCode(201);
    }

    // ---- helpers ----

    /** Whether the product shows in GET by id, the search, the categories and the seller's own lists. */
    private static void assertListed(String token, String id, String tag, String category, boolean listed) {
        given().when().get("/api/products/" + id).then().statusCode(listed ? 200 : 404);
        List<String> found = given().queryParam("q", tag).when().get("/api/search/products")
                .then().statusCode(200).extract().jsonPath().getList("data.id");
        assertEquals(listed, found.contains(id), "search: " + found);
        given().queryParam("q", tag).when().get("/api/search/products").then().statusCode(200)
                .body("total", equalTo(listed ? 2 : 0));
        List<String> categories = given().when().get("/api/products/categories").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(listed, categories.contains(category), "categories: " + categories);
        for (String own : new String[]{"/api/products", "/api/products/in-stock", "/api/products/category/" + category}) {
            List<String> ids = as(token).when().get(own).then().statusCode(200).extract().jsonPath().getList("id");
            assertEquals(listed, ids.contains(id), own + ": " + ids);
        }
    }

    private static UserState deactivated(long id, Instant at) {
        return new UserState(id, "maker" + id, "creator", false, T0, at, at);
    }

    private static void publish(String type, UserState state) {
        String key = String.valueOf(state.id());
        EventProbe.publish(Topics.USERS, key, TestEvents.envelope(type, "auth-service", key, state));
    }

    /** A marker user's event on the same key is consumed after everything published before it for this user. */
    private static void awaitConsumedAfterEverythingOf(long userId) {
        long marker = newUserId();
        String key = String.valueOf(userId);
        EventProbe.publish(Topics.USERS, key, TestEvents.envelope(UserState.REGISTERED, "auth-service", key,
                UserState.active(marker, "marker" + marker, "viewer", T0, T0)));
        await().atMost(WAIT).until(() -> sellerActive(marker) != null);
    }

    private static Boolean sellerActive(long id) throws SQLException {
        try (Connection c = CatalogApi.db();
             PreparedStatement s = c.prepareStatement("select active from catalog.seller where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static int productsInDatabase(long seller) throws SQLException {
        try (Connection c = CatalogApi.db();
             PreparedStatement s = c.prepareStatement("select count(*) from catalog.product where seller_id = ?")) {
            s.setLong(1, seller);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getInt(1);
            }
        }
    }
}
