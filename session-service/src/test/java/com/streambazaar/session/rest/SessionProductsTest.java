package com.streambazaar.session.rest;

import com.streambazaar.common.event.Topics;
import com.streambazaar.testkit.EventProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static com.streambazaar.session.rest.Fixtures.guest;
import static com.streambazaar.session.rest.Fixtures.knownProduct;
import static com.streambazaar.session.rest.Fixtures.sessionEvents;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Session products and the showcase: owner-only changes, creator's products only, display order, events. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class SessionProductsTest {

    @Test
    void ownerAddsOrdersFeaturesAndRemovesProducts() {
        Fixtures.User creator = Fixtures.creator();
        UUID a = knownProduct(creator.id(), "Alpha");
        UUID b = knownProduct(creator.id(), "Beta");
        UUID c = knownProduct(creator.id(), "Gamma");
        String id = createSession(creator, "shelf", List.of(a));
        String url = "/api/sessions/" + id + "/products";

        as(creator).body("{\"productId\":\"" + b + "\",\"featured\":true}").when().post(url)
                .then().statusCode(201)
                .body("success", equalTo(true))
                .body("data.id", notNullValue())
                .body("data.sessionId", equalTo(id))
                .body("data.productId", equalTo(b.toString()))
                .body("data.featured", equalTo(true))
                .body("data.displayOrder", equalTo(1))
                .body("data.createdAt", notNullValue())
                .body("data.product.name", equalTo("Beta"));
        as(creator).body("{\"productId\":\"" + c + "\",\"displayOrder\":0}").when().post(url)
                .then().statusCode(201).body("data.displayOrder", equalTo(0)).body("data.featured", equalTo(false));

        guest().when().get(url).then().statusCode(200)
                .body("count", equalTo(3))
                .body("data.productId", contains(a.toString(), c.toString(), b.toString()))
                .body("data.product.name", contains("Alpha", "Gamma", "Beta"));
        guest().queryParam("featured", "true").when().get(url).then().statusCode(200)
                .body("count", equalTo(1)).body("data[0].productId", equalTo(b.toString()));
        guest().queryParam("featured", "yes").when().get(url).then().statusCode(400).body("field", equalTo("featured"));

        as(creator).body("{\"displayOrder\":9}").when().patch(url + "/" + a + "/order")
                .then().statusCode(200).body("data.displayOrder", equalTo(9)).body("data.productId", equalTo(a.toString()));
        as(creator).body("{\"featured\":true}").when().patch(url + "/" + a + "/feature")
                .then().statusCode(200).body("data.featured", equalTo(true));
        guest().when().get("/api/sessions/" + id).then()
                .body("data.products.id", contains(c.toString(), b.toString(), a.toString()));

        // the featured set: exactly these, answered as products in display order
        as(creator).body("{\"productIds\":[\"" + a + "\",\"" + c + "\"]}").when().patch(url)
                .then().statusCode(200).body("count", equalTo(2)).body("data.id", contains(c.toString(), a.toString()))
                .body("data[0].name", equalTo("Gamma"));
        guest().queryParam("featured", true).when().get(url).then()
                .body("data.productId", contains(c.toString(), a.toString()));
        // consumers (analytics' dashboard) learn which products are featured from the session's events
        JsonNode featuredSet = EventProbe.await(Topics.SESSIONS, e -> id.equals(e.path("key").asText())
                        && e.path("data").path("featuredProductIds").toString()
                        .equals("[\"" + c + "\",\"" + a + "\"]"), 1, Duration.ofSeconds(30))
                .get(0).envelope();
        assertEquals(List.of(c.toString(), a.toString()), List.of(
                featuredSet.path("data").path("featuredProductIds").get(0).asText(),
                featuredSet.path("data").path("featuredProductIds").get(1).asText()));
        as(creator).body("{\"productIds\":[]}").when().patch(url).then().statusCode(200).body("data", hasSize(0));

        as(creator).when().delete(url + "/" + c).then().statusCode(200)
                .body("success", equalTo(true)).body("message", notNullValue());
        guest().when().get(url).then().body("data.productId", contains(b.toString(), a.toString()));

        JsonNode last = sessionEvents(id, "session.products-changed", 7).get(6);
        assertEquals(List.of(b.toString(), a.toString()),
                List.of(last.path("data").path("productIds").get(0).asText(),
                        last.path("data").path("productIds").get(1).asText()));
    }

    @Test
    void productChangesAreRefusedWhenInvalidOrNotYours() {
        Fixtures.User creator = Fixtures.creator();
        UUID own = knownProduct(creator.id(), "Own");
        UUID other = knownProduct(creator.id(), "Other");
        UUID foreign = knownProduct(Fixtures.newUserId(), "Foreign");
        String id = createSession(creator, "rules", List.of(own));
        String url = "/api/sessions/" + id + "/products";

        as(creator).body("{\"productId\":\"" + foreign + "\"}").when().post(url).then().statusCode(400).body("field", equalTo("productId"));
        as(creator).body("{\"productId\":\"" + UUID.randomUUID() + "\"}").when().post(url).then().statusCode(400).body("field", equalTo("productId"));
        as(creator).body("{\"productId\":\"abc\"}").when().post(url).then().statusCode(400).body("field", equalTo("productId"));
        as(creator).body("{}").when().post(url).then().statusCode(400).body("field", equalTo("productId"));
        as(creator).body("{\"productId\":\"" + other + "\",\"featured\":\"yes\"}").when().post(url).then().statusCode(400).body("field", equalTo("featured"));
        as(creator).body("{\"productId\":\"" + other + "\",\"displayOrder\":-1}").when().post(url).then().statusCode(400).body("field", equalTo("displayOrder"));
        as(creator).body("{\"productId\":\"" + own + "\"}").when().post(url).then().statusCode(409).body("success", equalTo(false));
        as(Fixtures.creator()).body("{\"productId\":\"" + other + "\"}").when().post(url).then().statusCode(403);
        guest().body("{\"productId\":\"" + other + "\"}").when().post(url).then().statusCode(401);
        as(creator).body("{\"productId\":\"" + other + "\"}").when().post("/api/sessions/" + UUID.randomUUID() + "/products").then().statusCode(404);
        as(creator).body("{\"productId\":\"" + other + "\"}").when().post("/api/sessions/zzz/products").then().statusCode(400);
        guest().when().get("/api/sessions/" + UUID.randomUUID() + "/products").then().statusCode(404);

        as(creator).body("{\"featured\":1}").when().patch(url + "/" + own + "/feature").then().statusCode(400).body("field", equalTo("featured"));
        as(creator).body("{}").when().patch(url + "/" + own + "/feature").then().statusCode(400);
        as(creator).body("{\"featured\":true}").when().patch(url + "/" + other + "/feature").then().statusCode(404);
        as(Fixtures.viewer()).body("{\"featured\":true}").when().patch(url + "/" + own + "/feature").then().statusCode(403);
        as(creator).body("{\"displayOrder\":\"first\"}").when().patch(url + "/" + own + "/order").then().statusCode(400).body("field", equalTo("displayOrder"));
        as(creator).body("{\"displayOrder\":1}").when().patch(url + "/" + other + "/order").then().statusCode(404);
        as(creator).body("{\"displayOrder\":1}").when().patch(url + "/bad/order").then().statusCode(400).body("field", equalTo("productId"));
        guest().body("{\"displayOrder\":1}").when().patch(url + "/" + own + "/order").then().statusCode(401);
        as(creator).body("{\"productIds\":[\"" + other + "\"]}").when().patch(url).then().statusCode(400).body("field", equalTo("productIds"));
        as(creator).body("{}").when().patch(url).then().statusCode(400).body("field", equalTo("productIds"));
        as(Fixtures.creator()).body("{\"productIds\":[]}").when().patch(url).then().statusCode(403);
        as(creator).when().delete(url + "/" + other).then().statusCode(404);
        as(Fixtures.creator()).when().delete(url + "/" + own).then().statusCode(403);
        guest().when().delete(url + "/" + own).then().statusCode(401);
        guest().when().get(url).then().body("count", equalTo(1));
    }

    @Test
    void showcaseWorksOnlyWhileStreamingAndOnlyForTheSessionsProducts() {
        Fixtures.User creator = Fixtures.creator();
        UUID shown = knownProduct(creator.id(), "Shown");
        UUID notInSession = knownProduct(creator.id(), "Elsewhere");
        String id = createSession(creator, "showcase", List.of(shown));
        String url = "/api/sessions/" + id + "/showcase";

        as(creator).body("{\"productId\":\"" + shown + "\"}").when().post(url)
                .then().statusCode(409).body("currentStatus", equalTo("scheduled"));
        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);

        as(creator).body("{\"productId\":\"" + notInSession + "\"}").when().post(url).then().statusCode(400).body("field", equalTo("productId"));
        as(creator).body("{\"productId\":\"x\"}").when().post(url).then().statusCode(400).body("field", equalTo("productId"));
        as(Fixtures.viewer()).body("{\"productId\":\"" + shown + "\"}").when().post(url).then().statusCode(403);
        guest().body("{\"productId\":\"" + shown + "\"}").when().post(url).then().statusCode(401);
        as(creator).body("{\"productId\":\"" + shown + "\"}").when().post("/api/sessions/" + UUID.randomUUID() + "/showcase").then().statusCode(404);

        as(creator).body("{\"productId\":\"" + shown + "\"}").when().post(url)
                .then().statusCode(200)
                .body("data.sessionId", equalTo(id))
                .body("data.activeProductId", equalTo(shown.toString()))
                .body("data.product.name", equalTo("Shown"));
        guest().when().get("/api/sessions/" + id).then()
                .body("data.activeProductId", equalTo(shown.toString()))
                .body("data.activeProduct.id", equalTo(shown.toString()));
        JsonNode showcased = sessionEvents(id, "session.product-showcased", 1).get(0);
        assertEquals(shown.toString(), showcased.path("data").path("activeProductId").asText());
        assertEquals("Shown", showcased.path("data").path("activeProduct").path("name").asText());

        // paused still shows; null clears
        as(creator).body("{\"status\":\"paused\"}").when().patch("/api/sessions/" + id + "/status").then().statusCode(200);
        as(creator).body("{\"productId\":null}").when().post(url)
                .then().statusCode(200).body("data.activeProductId", nullValue()).body("data.product", nullValue());
        guest().when().get("/api/sessions/" + id).then().body("data.activeProduct", nullValue());
        sessionEvents(id, "session.showcase-cleared", 1);

        // removing or ending clears it too
        as(creator).body("{\"productId\":\"" + shown + "\"}").when().post(url).then().statusCode(200);
        as(creator).when().delete("/api/sessions/" + id + "/products/" + shown).then().statusCode(200);
        guest().when().get("/api/sessions/" + id).then().body("data.activeProductId", nullValue());
        sessionEvents(id, "session.showcase-cleared", 2);
        as(creator).body("{\"productId\":\"" + shown + "\"}").when().post(url).then().statusCode(400);
    }

    @Test
    void endingAShowClearsItsShowcase() {
        Fixtures.User creator = Fixtures.creator();
        UUID product = knownProduct(creator.id(), "Last call");
        String id = createSession(creator, "finale", List.of(product));
        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);
        as(creator).body("{\"productId\":\"" + product + "\"}").when().post("/api/sessions/" + id + "/showcase").then().statusCode(200);
        as(creator).when().post("/api/sessions/" + id + "/end-stream").then().statusCode(200);

        guest().when().get("/api/sessions/" + id).then().body("data.activeProductId", nullValue());
        JsonNode ended = sessionEvents(id, "session.ended", 1).get(0);
        assertEquals(true, ended.path("data").path("activeProductId").isNull());
        sessionEvents(id, "session.showcase-cleared", 1);
        as(creator).body("{\"productId\":\"" + product + "\"}").when().post("/api/sessions/" + id + "/showcase")
                .then().statusCode(409).body("currentStatus", equalTo("ended"));
    }
}
