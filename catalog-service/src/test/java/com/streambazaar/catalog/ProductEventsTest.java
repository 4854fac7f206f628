package com.streambazaar.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streambazaar.common.event.Topics;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.streambazaar.catalog.CatalogApi.admin;
import static com.streambazaar.catalog.CatalogApi.as;
import static com.streambazaar.catalog.CatalogApi.create;
import static com.streambazaar.catalog.CatalogApi.createId;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bazaar.products.v1: full state, keyed by product id, valid against docs/events, published only on commit. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ProductEventsTest {

    /** Reads money exactly, so 20.00 in an event is compared as 20.00. */
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    @Test
    void createdCarriesTheFullStateKeyedByProductId() throws Exception {
        String rest = create(creator(newUserId()), """
                {"name": "Event lamp", "description": "Bright", "price": 20, "category": " Lights ",
                 "stock": 7, "imageUrl": "https://img.example.com/e.png"}""").asString();
        String id = EXACT.readTree(rest).get("id").asText();

        EventProbe.Received event = only(id, "product.created");
        JsonNode envelope = EXACT.readTree(event.raw());
        EventSchemas.assertValid(envelope);
        assertEquals(id, event.key(), "Kafka key is the product id");
        assertEquals(id, envelope.get("key").asText());
        assertEquals("catalog-service", envelope.get("source").asText());
        assertEquals(1, envelope.get("version").asInt());
        UUID.fromString(envelope.get("eventId").asText());
        Instant.parse(envelope.get("occurredAt").asText());
        assertEquals(EXACT.readTree(rest), envelope.get("data"), "the event carries exactly what clients read");
        assertTrue(event.raw().contains("\"price\":20.00"), "money keeps two decimals in events: " + event.raw());
        assertTrue(event.raw().contains("\"originalPrice\":null"), "absent values are explicit nulls");
    }

    @Test
    void updatedAndDeletedCarryTheNewAndTheLastState() throws Exception {
        String token = creator(newUserId());
        String id = createId(token, product("Changing", "3"));
        String updated = as(token).body("{\"price\": 4.1, \"category\": \"Misc\"}").when().put("/api/products/" + id)
                .then().statusCode(200).extract().asString();

        JsonNode updatedEvent = EXACT.readTree(only(id, "product.updated").raw());
        EventSchemas.assertValid(updatedEvent);
        assertEquals(EXACT.readTree(updated), updatedEvent.get("data"));
        assertEquals(new BigDecimal("4.10"), updatedEvent.get("data").get("price").decimalValue());

        as(token).when().delete("/api/products/" + id).then().statusCode(204);
        JsonNode deletedEvent = EXACT.readTree(only(id, "product.deleted").raw());
        EventSchemas.assertValid(deletedEvent);
        assertEquals(EXACT.readTree(updated), deletedEvent.get("data"), "the last state, so consumers can drop the card");

        assertEquals(List.of("product.created", "product.updated", "product.deleted"), types(id));
    }

    @Test
    void stockReachingZeroSellsOutAndRestockingPutsBackInStock() throws Exception {
        String token = creator(newUserId());
        String id = createId(token, "{\"name\": \"Limited\", \"price\": 9.99, \"stock\": 2}");
        as(token).body("{\"stock\": 1}").when().put("/api/products/" + id)
                .then().statusCode(200).body("inStock", equalTo(true)).body("stock", equalTo(1));
        String soldOut = as(token).body("{\"stock\": 0}").when().put("/api/products/" + id)
                .then().statusCode(200).body("inStock", equalTo(false)).body("stock", equalTo(0)).extract().asString();

        JsonNode soldOutEvent = EXACT.readTree(only(id, "product.sold-out").raw());
        EventSchemas.assertValid(soldOutEvent);
        assertEquals(EXACT.readTree(soldOut), soldOutEvent.get("data"));

        as(token).body("{\"stock\": 5}").when().put("/api/products/" + id)
                .then().statusCode(200).body("inStock", equalTo(true)).body("stock", equalTo(5));
        await(id, "product.updated", 3);
        assertEquals(List.of("product.created", "product.updated", "product.updated", "product.sold-out",
                "product.updated"), types(id), "sold-out follows the update that emptied the stock, in order");
        for (EventProbe.Received event : events(id)) {
            EventSchemas.assertValid(EXACT.readTree(event.raw()));
        }
    }

    @Test
    void decrementingStockSellsOut() throws Exception {
        long seller = newUserId();
        String token = creator(seller);
        String id = createId(token, "{\"name\": \"Few left\", \"price\": 1, \"stock\": 3}");
        String path = "/api/products/" + id + "/stock/decrement";

        as(token).body("{\"quantity\": 2}").when().post(path)
                .then().statusCode(200).body("stock", equalTo(1)).body("inStock", equalTo(true));
        as(token).body("{\"quantity\": 2}").when().post(path)
                .then().statusCode(409).body("error", equalTo("insufficient_stock")).body("available", equalTo(1));
        for (String bad : new String[]{"{\"quantity\": 0}", "{\"quantity\": 1.5}", "{}", "{\"quantity\": \"1\"}"}) {
            as(token).body(bad).when().post(path).then().statusCode(400).body("field", equalTo("quantity"));
        }
        as(creator(newUserId())).body("{\"quantity\": 1}").when().post(path).then().statusCode(403);
        given().contentType("application/json").body("{\"quantity\": 1}").when().post(path).then().statusCode(401);
        as(token).body("{\"quantity\": 1}").when().post("/api/products/" + UUID.randomUUID() + "/stock/decrement")
                .then().statusCode(404);
        as(token).body("{\"quantity\": 1}").when().post("/api/products/nope/stock/decrement")
                .then().statusCode(400).body("field", equalTo("id"));

        as(admin(newUserId())).body("{\"quantity\": 1}").when().post(path)
                .then().statusCode(200).body("stock", equalTo(0)).body("inStock", equalTo(false))
                .body("sellerId", equalTo((int) seller));
        EventSchemas.assertValid(EXACT.readTree(only(id, "product.sold-out").raw()));
        as(token).body("{\"quantity\": 1}").when().post(path).then().statusCode(409);

        String untracked = createId(token, product("Untracked", "1"));
        as(token).body("{\"quantity\": 1}").when().post("/api/products/" + untracked + "/stock/decrement")
                .then().statusCode(409).body("error", equalTo("stock_not_tracked"));
    }

    @Test
    void concurrentDecrementsNeverOversell() throws Exception {
        String token = creator(newUserId());
        String id = createId(token, "{\"name\": \"Last three\", \"price\": 1, \"stock\": 3}");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> as(token).body("{\"quantity\": 1}")
                        .when().post("/api/products/" + id + "/stock/decrement").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(30, TimeUnit.SECONDS));
            }
            assertEquals(3, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().when().get("/api/products/" + id).then().statusCode(200)
                .body("stock", equalTo(0)).body("inStock", equalTo(false));
        only(id, "product.sold-out");
        assertEquals(3, await(id, "product.updated", 3).size());
    }

    @Test
    void refusedAndEmptyChangesPublishNothing() {
        String token = creator(newUserId());
        String id = createId(token, product("Quiet", "2"));
        as(creator(newUserId())).body("{\"price\": 1}").when().put("/api/products/" + id).then().statusCode(403);
        as(creator(newUserId())).when().delete("/api/products/" + id).then().statusCode(403);
        as(token).body("{\"price\": -1}").when().put("/api/products/" + id).then().statusCode(400);
        as(token).body("{}").when().put("/api/products/" + id).then().statusCode(200);
        as(token).body("{\"price\": 2}").when().put("/api/products/" + id).then().statusCode(200);
        // a change that does happen, as a marker: everything before it is on the topic by then
        as(token).body("{\"price\": 2.5}").when().put("/api/products/" + id).then().statusCode(200);
        await(id, "product.updated", 1);
        assertEquals(List.of("product.created", "product.updated"), types(id));
    }

    @Test
    void schemasRejectWhatTheContractDoesNotAllow() throws Exception {
        String id = createId(creator(newUserId()), product("Strict", "1"));
        JsonNode envelope = EXACT.readTree(only(id, "product.created").raw());

        ObjectNode extraField = envelope.deepCopy();
        ((ObjectNode) extraField.get("data")).put("secret", "x");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid(extraField));

        ObjectNode negativePrice = envelope.deepCopy();
        ((ObjectNode) negativePrice.get("data")).put("price", -1);
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid(negativePrice));

        ObjectNode wrongSource = envelope.deepCopy();
        wrongSource.put("source", "session-service");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid(wrongSource));

        ObjectNode soldOutInStock = envelope.deepCopy();
        soldOutInStock.put("type", "product.sold-out");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid(soldOutInStock), "sold-out needs stock 0");
    }

    private static EventProbe.Received only(String id, String type) {
        List<EventProbe.Received> events = await(id, type, 1);
        assertEquals(1, events.size(), "one " + type + " for " + id);
        return events.get(0);
    }

    private static List<EventProbe.Received> await(String id, String type, int count) {
        return EventProbe.await(Topics.PRODUCTS,
                e -> id.equals(e.path("key").asText()) && type.equals(e.path("type").asText()), count, WAIT);
    }

    private static List<EventProbe.Received> events(String id) {
        return EventProbe.readAll(Topics.PRODUCTS, Duration.ofMillis(500)).stream()
                .filter(r -> id.equals(r.key())).toList();
    }

    private static List<String> types(String id) {
        return events(id).stream().map(r -> r.envelope().path("type").asText()).toList();
    }
}
