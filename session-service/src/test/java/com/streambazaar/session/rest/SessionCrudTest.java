package com.streambazaar.session.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.count;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static com.streambazaar.session.rest.Fixtures.guest;
import static com.streambazaar.session.rest.Fixtures.knownProduct;
import static com.streambazaar.session.rest.Fixtures.sessionEvents;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions CRUD over HTTP: shapes, ownership, validation, atomic product links and the events they publish. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class SessionCrudTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void creatorCreatesASessionWithItsProductsInOrder() {
        Fixtures.User creator = Fixtures.creator();
        UUID first = knownProduct(creator.id(), "Lamp");
        UUID second = knownProduct(creator.id(), "Mug");

        String id = as(creator).body("""
                        {"title": "  Friday deals  ", "description": "All about lamps", "category": "home",
                         "tags": ["lamps", "deals", "lamps"], "streamUrl": "rtmp://live.example/app",
                         "scheduledAt": "2030-05-01T18:00:00Z", "productIds": ["%s", "%s"]}""".formatted(second, first))
                .when().post("/api/sessions")
                .then().statusCode(201)
                .body("success", equalTo(true))
                .body("message", notNullValue())
                .body("data.title", equalTo("Friday deals"))
                .body("data.description", equalTo("All about lamps"))
                .body("data.category", equalTo("home"))
                .body("data.tags", contains("lamps", "deals"))
                .body("data.status", equalTo("scheduled"))
                .body("data.streamUrl", equalTo("rtmp://live.example/app"))
                .body("data.streamKey", startsWith("sk_"))
                .body("data.scheduledAt", equalTo("2030-05-01T18:00:00Z"))
                .body("data.startedAt", nullValue())
                .body("data.endedAt", nullValue())
                .body("data.creatorId", equalTo((int) creator.id()))
                .body("data.activeProductId", nullValue())
                .body("data.reactionCounts", anEmptyMap())
                .body("data.createdAt", notNullValue())
                .body("data.updatedAt", notNullValue())
                .body("data.creator.id", equalTo((int) creator.id()))
                .body("data.creator.username", equalTo(creator.username()))
                .extract().path("data.id");
        String channel = "session_" + id.replace("-", "");

        // anyone may read it; the stream key is the owner's secret
        guest().when().get("/api/sessions/" + id)
                .then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.agoraChannelName", equalTo(channel))
                .body("data", not(hasKey("streamKey")))
                .body("data.creator.username", equalTo(creator.username()))
                .body("data.activeProduct", nullValue())
                .body("data.products.id", contains(second.toString(), first.toString()))
                .body("data.products[0].name", equalTo("Mug"))
                .body("data.products[0].price", equalTo(19.99f))
                .body("data.products[0].sellerId", equalTo((int) creator.id()))
                .body("data.products[0].inStock", equalTo(true));
        as(Fixtures.viewer()).when().get("/api/sessions/" + id)
                .then().statusCode(200).body("data", not(hasKey("streamKey")));
        as(creator).when().get("/api/sessions/" + id)
                .then().statusCode(200).body("data.streamKey", startsWith("sk_"));

        JsonNode created = sessionEvents(id, "session.created", 1).get(0);
        assertEquals(id, created.path("key").asText());
        assertEquals("session-service", created.path("source").asText());
        JsonNode data = created.path("data");
        assertEquals("scheduled", data.path("status").asText());
        assertEquals(channel, data.path("agoraChannelName").asText());
        assertEquals(creator.username(), data.path("creatorUsername").asText());
        assertEquals(List.of(second.toString(), first.toString()),
                List.of(data.path("productIds").get(0).asText(), data.path("productIds").get(1).asText()));
        assertTrue(data.path("streamKey").isMissingNode(), "events never carry the stream key");
    }

    @Test
    void creationNeedsACreatorAndValidFields() {
        String body = "{\"title\":\"x\"}";
        guest().body(body).when().post("/api/sessions").then().statusCode(401).body("success", equalTo(false));
        as(Fixtures.viewer()).body(body).when().post("/api/sessions").then().statusCode(403).body("success", equalTo(false));
        guest().header("Authorization", "Bearer " + com.streambazaar.testkit.TestTokens.expired(5, "old", "creator"))
                .body(body).when().post("/api/sessions").then().statusCode(401);
        guest().header("Authorization", "Bearer " + com.streambazaar.testkit.TestTokens.forged(5, "evil", "creator"))
                .body(body).when().post("/api/sessions").then().statusCode(401);

        Fixtures.User creator = Fixtures.creator();
        as(creator).body("{}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("title")).body("success", equalTo(false));
        as(creator).body("{\"title\":\"   \"}").when().post("/api/sessions").then().statusCode(400).body("field", equalTo("title"));
        as(creator).body("{\"title\":42}").when().post("/api/sessions").then().statusCode(400).body("field", equalTo("title"));
        as(creator).body("{\"title\":\"" + "t".repeat(201) + "\"}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("title"));
        as(creator).body("{\"title\":\"ok\",\"tags\":\"a,b\"}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("tags"));
        as(creator).body("{\"title\":\"ok\",\"tags\":[1]}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("tags"));
        as(creator).body("{\"title\":\"ok\",\"streamUrl\":\"javascript:alert(1)\"}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("streamUrl"));
        as(creator).body("{\"title\":\"ok\",\"scheduledAt\":\"tomorrow\"}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("scheduledAt"));
        as(creator).body("{\"title\":\"ok\",\"productIds\":[\"nope\"]}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("productIds"));
        as(creator).body("{\"title\":").when().post("/api/sessions").then().statusCode(400).body("success", equalTo(false));
        as(creator).body("[1]").when().post("/api/sessions").then().statusCode(400);
    }

    @Test
    void unknownOrForeignProductsCreateNothing() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        Fixtures.User other = Fixtures.creator();
        UUID own = knownProduct(creator.id(), "Own");
        UUID foreign = knownProduct(other.id(), "Foreign");

        as(creator).body("{\"title\":\"bad\",\"productIds\":[\"" + own + "\",\"" + UUID.randomUUID() + "\"]}")
                .when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("productIds")).body("error", equalTo("validation_error"));
        as(creator).body("{\"title\":\"bad\",\"productIds\":[\"" + own + "\",\"" + foreign + "\"]}")
                .when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("productIds"));
        assertEquals(0, count("select count(*) from sessions.stream_session where creator_id = ?", creator.id()));
        assertEquals(0, count("select count(*) from sessions.session_product where product_id = ?", own));

        // an admin creating for themself is held to the same rule
        Fixtures.User admin = Fixtures.admin();
        as(admin).body("{\"title\":\"bad\",\"productIds\":[\"" + own + "\"]}").when().post("/api/sessions")
                .then().statusCode(400).body("field", equalTo("productIds"));
        createSession(admin, "{\"title\":\"admin show\"}");
    }

    @Test
    void ownerUpdatesPartiallyOthersAreRefused() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, """
                {"title": "Before", "description": "keep me?", "category": "tech", "tags": ["a"], "streamKey": "my-key"}""");

        as(creator).body("{\"title\":\"After\",\"description\":null,\"tags\":[\"b\",\"c\"]}")
                .when().put("/api/sessions/" + id)
                .then().statusCode(200)
                .body("data.title", equalTo("After"))
                .body("data.description", nullValue())
                .body("data.category", equalTo("tech"))
                .body("data.tags", contains("b", "c"))
                .body("data.streamKey", equalTo("my-key"))
                .body("data.status", equalTo("scheduled"));

        as(Fixtures.creator()).body("{\"title\":\"mine now\"}").when().put("/api/sessions/" + id)
                .then().statusCode(403).body("success", equalTo(false));
        as(Fixtures.viewer()).body("{\"title\":\"mine now\"}").when().put("/api/sessions/" + id).then().statusCode(403);
        guest().body("{\"title\":\"mine now\"}").when().put("/api/sessions/" + id).then().statusCode(401);
        as(creator).body("{\"title\":\"\"}").when().put("/api/sessions/" + id).then().statusCode(400).body("field", equalTo("title"));
        as(creator).body("{\"status\":\"bogus\"}").when().put("/api/sessions/" + id).then().statusCode(400).body("field", equalTo("status"));
        as(creator).body("{\"title\":\"x\"}").when().put("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
        as(creator).body("{\"title\":\"x\"}").when().put("/api/sessions/not-a-uuid").then().statusCode(400).body("field", equalTo("id"));

        // admins may manage any session; the stream key stays the owner's
        as(Fixtures.admin()).body("{\"category\":\"moderated\"}").when().put("/api/sessions/" + id)
                .then().statusCode(200).body("data.category", equalTo("moderated")).body("data", not(hasKey("streamKey")));

        JsonNode updated = sessionEvents(id, "session.updated", 2).get(1);
        assertEquals("moderated", updated.path("data").path("category").asText());
        assertEquals("After", updated.path("data").path("title").asText());
    }

    @Test
    void updateReplacesProductsAndStatusFollowsTheStateMachine() {
        Fixtures.User creator = Fixtures.creator();
        UUID a = knownProduct(creator.id(), "A");
        UUID b = knownProduct(creator.id(), "B");
        UUID foreign = knownProduct(Fixtures.newUserId(), "F");
        String id = createSession(creator, "products", List.of(a));

        as(creator).body("{\"productIds\":[\"" + b + "\",\"" + a + "\"]}").when().put("/api/sessions/" + id)
                .then().statusCode(200);
        guest().when().get("/api/sessions/" + id).then().body("data.products.id", contains(b.toString(), a.toString()));
        as(creator).body("{\"productIds\":[\"" + foreign + "\"]}").when().put("/api/sessions/" + id)
                .then().statusCode(400).body("field", equalTo("productIds"));
        guest().when().get("/api/sessions/" + id).then().body("data.products.id", contains(b.toString(), a.toString()));
        JsonNode changed = sessionEvents(id, "session.products-changed", 1).get(0);
        assertEquals(2, changed.path("data").path("productIds").size());

        // the same status is not a change; another one obeys the same rules as PATCH /status
        as(creator).body("{\"title\":\"same\",\"status\":\"scheduled\"}").when().put("/api/sessions/" + id)
                .then().statusCode(200).body("data.status", equalTo("scheduled"));
        as(creator).body("{\"status\":\"paused\"}").when().put("/api/sessions/" + id)
                .then().statusCode(409).body("currentStatus", equalTo("scheduled"));
        as(creator).body("{\"status\":\"live\"}").when().put("/api/sessions/" + id)
                .then().statusCode(200).body("data.status", equalTo("live")).body("data.startedAt", notNullValue());
        sessionEvents(id, "session.started", 1);
    }

    @Test
    void ownListFiltersByStatusAndPages() {
        Fixtures.User creator = Fixtures.creator();
        String first = createSession(creator, "{\"title\":\"one\"}");
        String second = createSession(creator, "{\"title\":\"two\"}");
        String third = createSession(creator, "{\"title\":\"three\"}");
        createSession(Fixtures.creator(), "{\"title\":\"someone else's\"}");
        as(creator).when().post("/api/sessions/" + second + "/start-stream").then().statusCode(200);

        as(creator).when().get("/api/sessions")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("count", equalTo(3))
                .body("data.id", contains(third, second, first))
                .body("data.streamKey", everyItem(startsWith("sk_")))
                .body("data.creatorId", everyItem(equalTo((int) creator.id())));
        as(creator).queryParam("status", "live").when().get("/api/sessions")
                .then().statusCode(200).body("count", equalTo(1)).body("data[0].id", equalTo(second));
        as(creator).queryParam("limit", 1).queryParam("offset", 1).when().get("/api/sessions")
                .then().statusCode(200).body("data.id", contains(second));
        as(creator).queryParam("status", "nope").when().get("/api/sessions").then().statusCode(400).body("field", equalTo("status"));
        as(creator).queryParam("limit", "x").when().get("/api/sessions").then().statusCode(400).body("field", equalTo("limit"));
        as(creator).queryParam("offset", -1).when().get("/api/sessions").then().statusCode(400).body("field", equalTo("offset"));
        as(Fixtures.viewer()).when().get("/api/sessions").then().statusCode(200).body("count", equalTo(0)).body("data", hasSize(0));
        guest().when().get("/api/sessions").then().statusCode(401);
    }

    @Test
    void readRefusals() {
        guest().when().get("/api/sessions/" + UUID.randomUUID()).then().statusCode(404).body("success", equalTo(false));
        guest().when().get("/api/sessions/123").then().statusCode(400).body("field", equalTo("id"));
        guest().when().get("/api/sessions/x/nothing-here").then().statusCode(404)
                .body("message", equalTo("Route GET /api/sessions/x/nothing-here not found"));
    }

    @Test
    void ownerDeletesAndTheDeletionIsPublished() throws Exception {
        Fixtures.User creator = Fixtures.creator();
        UUID product = knownProduct(creator.id(), "P");
        String id = createSession(creator, "doomed", List.of(product));

        as(Fixtures.creator()).when().delete("/api/sessions/" + id).then().statusCode(403);
        guest().when().delete("/api/sessions/" + id).then().statusCode(401);
        as(creator).when().delete("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
        as(creator).when().delete("/api/sessions/" + id)
                .then().statusCode(200).body("success", equalTo(true)).body("message", notNullValue())
                .body("$", not(hasKey("data")));
        guest().when().get("/api/sessions/" + id).then().statusCode(404);
        assertEquals(0, count("select count(*) from sessions.session_product where session_id = ?", UUID.fromString(id)));

        JsonNode deleted = sessionEvents(id, "session.deleted", 1).get(0);
        assertEquals("scheduled", deleted.path("data").path("status").asText());
        assertEquals(product.toString(), deleted.path("data").path("productIds").get(0).asText());
    }

    @Test
    void deletingALiveSessionEndsItFirst() {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"live then gone\"}");
        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);
        as(Fixtures.admin()).when().delete("/api/sessions/" + id).then().statusCode(200);

        JsonNode ended = sessionEvents(id, "session.ended", 1).get(0);
        JsonNode deleted = sessionEvents(id, "session.deleted", 1).get(0);
        assertEquals("ended", deleted.path("data").path("status").asText());
        assertTrue(Instant.parse(ended.path("occurredAt").asText())
                .compareTo(Instant.parse(deleted.path("occurredAt").asText())) <= 0);
    }
}
