package com.streambazaar.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.streambazaar.catalog.CatalogApi.as;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.word;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One product shape in every answer: all fields present, {@code stock} included as {@code null} when the seller does
 * not track it (rest-assured's {@code nullValue()} would also pass for a missing key, so keys are checked here).
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ProductShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = new TreeSet<>(List.of("id", "name", "description", "price",
            "originalPrice", "category", "inStock", "stock", "imageUrl", "sellerId", "createdAt", "updatedAt"));

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    @Test
    void untrackedStockIsPresentAsNullEverywhere() throws Exception {
        String token = creator(newUserId());
        String tag = word();
        String category = "Shape " + tag;
        JsonNode created = read(as(token).body("{\"name\": \"Untracked " + tag + "\", \"price\": 3, \"category\": \""
                + category + "\"}").when().post("/api/products").then().statusCode(201).extract().asString());
        String id = created.path("id").asText();

        List<JsonNode> answers = new ArrayList<>();
        answers.add(created);
        answers.add(read(given().when().get("/api/products/" + id).then().statusCode(200).extract().asString()));
        answers.add(only(id, read(given().queryParam("q", tag).when().get("/api/search/products")
                .then().statusCode(200).extract().asString()).path("data")));
        for (String own : new String[]{"/api/products", "/api/products/in-stock", "/api/products/category/" + category}) {
            answers.add(only(id, read(as(token).when().get(own).then().statusCode(200).extract().asString())));
        }
        answers.add(read(as(token).body("{\"description\": \"changed\"}").when().put("/api/products/" + id)
                .then().statusCode(200).extract().asString()));

        for (JsonNode product : answers) {
            assertEquals(FIELDS, fieldNames(product), product.toString());
            assertTrue(product.path("stock").isNull(), "stock present as null: " + product);
        }
    }

    @Test
    void trackedStockIsANumberInTheSameShape() throws Exception {
        String token = creator(newUserId());
        JsonNode created = read(as(token).body("{\"name\": \"Tracked\", \"price\": 3, \"stock\": 2}")
                .when().post("/api/products").then().statusCode(201).extract().asString());
        assertEquals(FIELDS, fieldNames(created));
        assertEquals(2, created.path("stock").asInt());
        JsonNode decremented = read(as(token).body("{\"quantity\": 1}")
                .when().post("/api/products/" + created.path("id").asText() + "/stock/decrement")
                .then().statusCode(200).extract().asString());
        assertEquals(FIELDS, fieldNames(decremented));
        assertEquals(1, decremented.path("stock").asInt());
    }

    private static JsonNode only(String id, JsonNode list) {
        for (JsonNode product : list) {
            if (id.equals(product.path("id").asText())) {
                return product;
            }
        }
        throw new AssertionError("product " + id + " not in " + list);
    }

    private static Set<String> fieldNames(JsonNode product) {
        Set<String> names = new TreeSet<>();
        product.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(String body) throws Exception {
        return JSON.readTree(body);
    }
}
