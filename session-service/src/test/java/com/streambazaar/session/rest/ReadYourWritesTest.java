package com.streambazaar.session.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.event.contract.UserState;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.count;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static com.streambazaar.session.rest.Fixtures.guest;
import static com.streambazaar.session.rest.Fixtures.knownProduct;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A creator's own writes are usable in their next request even before the events reach this service: a product
 * created in the catalog a moment ago can be put in a session right away. And a deactivated creator's shows end.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeCatalog.class, restrictToAnnotatedClass = false)
class ReadYourWritesTest {

    @Test
    void aProductJustCreatedInTheCatalogCanBeShownAtOnce() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        UUID productId = UUID.randomUUID();
        // catalog-service knows it; its product.created event has not arrived here (it is never published here)
        FakeCatalog.put(productId.toString(), json(Fixtures.product(productId, creator.id(), "Fresh scarf", "25.00",
                Instant.now())));

        String sessionId = as(creator).body("{\"title\":\"Right away\",\"productIds\":[\"" + productId + "\"]}")
                .when().post("/api/sessions").then().statusCode(201).extract().path("data.id");
        guest().when().get("/api/sessions/" + sessionId).then().statusCode(200)
                .body("data.products.id", contains(productId.toString()))
                .body("data.products[0].name", equalTo("Fresh scarf"))
                .body("data.products[0].stock", equalTo(5));

        // the same for adding a product to an existing session
        UUID another = UUID.randomUUID();
        FakeCatalog.put(another.toString(), json(Fixtures.product(another, creator.id(), "Fresh hat", "15.00",
                Instant.now())));
        as(creator).body("{\"productId\":\"" + another + "\"}").when().post("/api/sessions/" + sessionId + "/products")
                .then().statusCode(201).body("data.product.name", equalTo("Fresh hat"));

        // the read model keeps what was read; an older event arriving later changes nothing
        Fixtures.publishProduct("product.updated", Fixtures.product(productId, creator.id(), "Stale scarf", "25.00",
                Instant.now().minusSeconds(3600)));
        String marker = knownProduct(creator.id(), "marker").toString();
        assertEquals(1, count("select count(*) from sessions.product_card where id = ?", UUID.fromString(marker)));
        assertEquals(1, count("select count(*) from sessions.product_card where id = ? and name = 'Fresh scarf'",
                productId));
    }

    @Test
    void productsUnknownEverywhereOrForeignAreStillRefused() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        UUID nowhere = UUID.randomUUID();
        as(creator).body("{\"title\":\"No such\",\"productIds\":[\"" + nowhere + "\"]}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("productIds")).body("message", containsString("does not exist"));

        UUID foreign = UUID.randomUUID();
        FakeCatalog.put(foreign.toString(), json(Fixtures.product(foreign, Fixtures.newUserId(), "Not yours", "5.00",
                Instant.now())));
        as(creator).body("{\"title\":\"Foreign\",\"productIds\":[\"" + foreign + "\"]}").when().post("/api/sessions")
                .then().statusCode(400).body("message", containsString("not sold by"));

        UUID broken = UUID.randomUUID();
        FakeCatalog.put(broken.toString(), "fail");
        as(creator).body("{\"title\":\"Broken\",\"productIds\":[\"" + broken + "\"]}").when().post("/api/sessions")
                .then().statusCode(503).body("error", equalTo("catalog_unavailable")).body("success", equalTo(false));
    }

    @Test
    void aDeactivatedCreatorsShowsEndAndTheyCanChangeNothing() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        String live = createSession(creator, "{\"title\":\"Live now\"}");
        as(creator).when().post("/api/sessions/" + live + "/start-stream").then().statusCode(200);
        String scheduled = createSession(creator, "{\"title\":\"Tomorrow\"}");
        String word = "gone" + UUID.randomUUID().toString().substring(0, 8);
        knownProduct(creator.id(), "Lamp " + word);
        guest().queryParam("q", word).when().get("/api/search").then().body("counts.products", equalTo(1));

        Instant now = Instant.now();
        TestEvents.publish(Topics.USERS, UserState.DEACTIVATED, "auth-service", String.valueOf(creator.id()),
                new UserState(creator.id(), creator.username(), "creator", false, now.minusSeconds(60), now, now));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> guest().when().get("/api/sessions/" + live)
                .then().body("data.status", equalTo("ended")));
        guest().when().get("/api/sessions/" + scheduled).then().body("data.status", equalTo("ended"));
        Fixtures.sessionEvents(live, "session.ended", 1);
        Fixtures.sessionEvents(scheduled, "session.ended", 1);
        // their products are no longer offered by the search, but the sessions that showed them keep their cards
        guest().queryParam("q", word).when().get("/api/search").then()
                .body("counts.products", equalTo(0)).body("products.size()", equalTo(0));

        // their access token is still valid for a while, but the account may no longer create or change anything
        as(creator).body("{\"title\":\"Again\"}").when().post("/api/sessions").then().statusCode(403)
                .body("message", equalTo("This account has been deactivated"));
        as(creator).body("{\"title\":\"Renamed\"}").when().put("/api/sessions/" + scheduled).then().statusCode(403);

        // a late, older user.updated does not bring the account back
        TestEvents.publish(Topics.USERS, UserState.UPDATED, "auth-service", String.valueOf(creator.id()),
                UserState.active(creator.id(), creator.username(), "creator", now.minusSeconds(60), now.minusSeconds(30)));
        long marker = Fixtures.newUserId();
        Fixtures.publishUser("user.registered", marker, "marker" + marker, "viewer", Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from sessions.user_card where id = ?",
                marker) == 1);
        as(creator).body("{\"title\":\"Still no\"}").when().post("/api/sessions").then().statusCode(403);
        assertEquals(0, count("select count(*) from sessions.user_card where id = ? and active", creator.id()));
    }

    /** The product as catalog-service's GET answers it (the same fields as its event data). */
    private static String json(ProductState product) throws Exception {
        return new ObjectMapper().findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(product);
    }
}
