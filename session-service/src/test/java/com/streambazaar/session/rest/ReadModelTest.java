package com.streambazaar.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.count;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static com.streambazaar.session.rest.Fixtures.guest;
import static com.streambazaar.session.rest.Fixtures.knownProduct;
import static com.streambazaar.session.rest.Fixtures.product;
import static com.streambazaar.session.rest.Fixtures.publishProduct;
import static com.streambazaar.session.rest.Fixtures.publishUser;
import static com.streambazaar.session.rest.Fixtures.sessionEvents;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read models from bazaar.users.v1 and bazaar.products.v1: newest state wins, duplicates and poison are harmless. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ReadModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void creatorCardFollowsTheNewestUserState() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"whose show\"}");
        // not known from events yet: the username from the creator's token at creation
        guest().when().get("/api/sessions/" + id).then()
                .body("data.creator.id", equalTo((int) creator.id()))
                .body("data.creator.username", equalTo(creator.username()))
                .body("data.creator.role", nullValue());

        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        publishUser("user.registered", creator.id(), "first_name", "creator", t0);
        awaitCreatorName(id, "first_name");
        guest().when().get("/api/sessions/" + id).then().body("data.creator.role", equalTo("creator"));

        publishUser("user.updated", creator.id(), "newest_name", "creator", t0.plusSeconds(60));
        // a late, older state arrives after the newer one and must not win
        publishUser("user.updated", creator.id(), "stale_name", "creator", t0.plusSeconds(30));
        // poison records are skipped, and consumption goes on
        EventProbe.publish(Topics.USERS, String.valueOf(creator.id()), "this is not an event");
        EventProbe.publish(Topics.USERS, String.valueOf(creator.id()), EventProbe.envelope(UUID.randomUUID(),
                "user.updated", "auth-service", String.valueOf(creator.id()), Map.of("id", "not a number")));
        long marker = Fixtures.newUserId();
        publishUser("user.registered", marker, "marker_user", "viewer", t0);
        await().atMost(WAIT).until(() -> count("select count(*) from sessions.user_card where id = ?", marker) == 1);
        guest().when().get("/api/sessions/" + id).then().body("data.creator.username", equalTo("newest_name"));
        guest().when().get("/api/search/sessions/creator/" + creator.id()).then()
                .body("data[0].creator.username", equalTo("newest_name"));
    }

    private static void awaitCreatorName(String sessionId, String username) {
        await().atMost(WAIT).until(() -> username.equals(guest().when().get("/api/sessions/" + sessionId)
                .then().statusCode(200).extract().path("data.creator.username")));
    }

    @Test
    void productCardsFollowTheNewestStateAndDuplicatesApplyOnce() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        UUID productId = UUID.randomUUID();
        Instant t0 = Instant.parse("2025-02-01T00:00:00Z");
        String created = TestEvents.envelope("product.created", "catalog-service", productId.toString(),
                product(productId, creator.id(), "Kettle", "30.00", t0));
        EventProbe.publish(Topics.PRODUCTS, productId.toString(), created);
        EventProbe.publish(Topics.PRODUCTS, productId.toString(), created);
        await().atMost(WAIT).until(() -> count("select count(*) from sessions.product_card where id = ?", productId) == 1);
        String id = createSession(creator, "kettles", List.of(productId));

        publishProduct("product.updated", product(productId, creator.id(), "Kettle Pro", "35.50", t0.plusSeconds(60)));
        publishProduct("product.updated", product(productId, creator.id(), "Kettle Old", "1.00", t0.plusSeconds(30)));
        publishProduct("product.sold-out", product(productId, creator.id(), "Kettle Pro", "35.50", t0.plusSeconds(90),
                false, 0));
        await().atMost(WAIT).until(() -> count("select count(*) from sessions.product_card where id = ? and not in_stock",
                productId) == 1);
        guest().when().get("/api/sessions/" + id).then()
                .body("data.products[0].name", equalTo("Kettle Pro"))
                .body("data.products[0].price", equalTo(35.5f))
                .body("data.products[0].inStock", equalTo(false));
        assertEquals(1, count("select count(*) from sessions.processed_event where consumer = 'product-cards' "
                + "and event_id = ?", UUID.fromString(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(created).path("eventId").asText())));
    }

    @Test
    void aProductDeletedInTheCatalogLeavesEverySession() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        UUID doomed = knownProduct(creator.id(), "Doomed");
        UUID kept = knownProduct(creator.id(), "Kept");
        String showing = createSession(creator, "showing it", List.of(doomed, kept));
        String listing = createSession(creator, "listing it", List.of(kept, doomed));
        as(creator).when().post("/api/sessions/" + showing + "/start-stream").then().statusCode(200);
        as(creator).body("{\"productId\":\"" + doomed + "\"}").when().post("/api/sessions/" + showing + "/showcase")
                .then().statusCode(200);

        publishProduct("product.deleted", product(doomed, creator.id(), "Doomed", "19.99", Instant.now()));
        await().atMost(WAIT).until(() -> count("select count(*) from sessions.session_product where product_id = ?",
                doomed) == 0);

        guest().when().get("/api/sessions/" + showing).then()
                .body("data.activeProductId", nullValue())
                .body("data.activeProduct", nullValue())
                .body("data.products.id", contains(kept.toString()));
        guest().when().get("/api/sessions/" + listing + "/products").then()
                .body("count", equalTo(1)).body("data[0].productId", equalTo(kept.toString()));
        JsonNode cleared = sessionEvents(showing, "session.showcase-cleared", 1).get(0);
        assertTrue(cleared.path("data").path("activeProductId").isNull());
        JsonNode changed = sessionEvents(listing, "session.products-changed", 1).get(0);
        assertEquals(1, changed.path("data").path("productIds").size());
        sessionEvents(showing, "session.products-changed", 1);

        // a late update of the deleted product does not bring it back
        publishProduct("product.updated", product(doomed, creator.id(), "Zombie", "1.00", Instant.now().plusSeconds(5)));
        UUID marker = knownProduct(creator.id(), "Marker");
        assertEquals(1, count("select count(*) from sessions.product_card where id = ? and deleted and name = 'Doomed'",
                doomed));
        as(creator).body("{\"productId\":\"" + doomed + "\"}").when().post("/api/sessions/" + listing + "/products")
                .then().statusCode(400).body("field", equalTo("productId"));
        given().queryParam("q", "zombie").when().get("/api/search").then().body("counts.products", equalTo(0));
        assertTrue(marker != null);
    }

    @Test
    void aProductBeingDeletedCannotBeLinkedMeanwhile() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        UUID productId = knownProduct(creator.id(), "Vanishing vase");
        // the catalog's deletion is being applied right now: its transaction holds the card's row, not yet committed
        try (java.sql.Connection deletion = Fixtures.db()) {
            deletion.setAutoCommit(false);
            try (var update = deletion.prepareStatement("update sessions.product_card set deleted = true where id = ?")) {
                update.setObject(1, productId);
                assertEquals(1, update.executeUpdate());
            }
            java.util.concurrent.CompletableFuture<Integer> create = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    as(creator).body("{\"title\":\"race\",\"productIds\":[\"" + productId + "\"]}")
                            .when().post("/api/sessions").then().extract().statusCode());
            // the creation must wait for the deletion rather than link a product that is going away
            Thread.sleep(1500);
            assertFalse(create.isDone(), "session creation did not wait for the product's deletion");
            deletion.commit();
            assertEquals(400, create.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(0, count("select count(*) from sessions.session_product where product_id = ?", productId));
    }
}
