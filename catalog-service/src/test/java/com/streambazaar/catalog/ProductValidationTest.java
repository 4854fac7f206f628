package com.streambazaar.catalog;

import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static com.streambazaar.catalog.CatalogApi.as;
import static com.streambazaar.catalog.CatalogApi.createId;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Every product field is validated with a 400 that names it; nothing invalid is stored. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ProductValidationTest {

    private static final String LONG_NAME = "n".repeat(201);

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                Arguments.of("{\"price\": 1}", "name"),
                Arguments.of("{\"name\": \"\", \"price\": 1}", "name"),
                Arguments.of("{\"name\": \"   \", \"price\": 1}", "name"),
                Arguments.of("{\"name\": null, \"price\": 1}", "name"),
                Arguments.of("{\"name\": \"" + LONG_NAME + "\", \"price\": 1}", "name"),
                Arguments.of("{\"name\": 42, \"price\": 1}", "name"),
                Arguments.of("{\"name\": [\"a\"], \"price\": 1}", "name"),
                Arguments.of("{\"name\": \"x\"}", "price"),
                Arguments.of(product("x", "null"), "price"),
                Arguments.of(product("x", "-1"), "price"),
                Arguments.of(product("x", "-0.01"), "price"),
                Arguments.of(product("x", "19.999"), "price"),
                Arguments.of(product("x", "0.001"), "price"),
                Arguments.of(product("x", "\"abc\""), "price"),
                Arguments.of(product("x", "\"NaN\""), "price"),
                Arguments.of(product("x", "\"1.005\""), "price"),
                Arguments.of(product("x", "true"), "price"),
                Arguments.of(product("x", "{\"amount\": 1}"), "price"),
                Arguments.of(product("x", "10000000000"), "price"),
                Arguments.of(product("x", "1e400"), "price"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"originalPrice\": -5}", "originalPrice"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"originalPrice\": 2.345}", "originalPrice"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"originalPrice\": \"ten\"}", "originalPrice"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"imageUrl\": \"not a url\"}", "imageUrl"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"imageUrl\": \"/uploads/a.png\"}", "imageUrl"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"imageUrl\": \"ftp://files.example.com/a.png\"}", "imageUrl"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"imageUrl\": \"javascript:alert(1)\"}", "imageUrl"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"imageUrl\": \"http://\"}", "imageUrl"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"imageUrl\": 7}", "imageUrl"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"category\": \"" + "c".repeat(101) + "\"}", "category"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"category\": 5}", "category"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"description\": \"" + "d".repeat(5001) + "\"}", "description"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"description\": false}", "description"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"inStock\": \"yes\"}", "inStock"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"inStock\": null}", "inStock"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"stock\": -1}", "stock"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"stock\": 1.5}", "stock"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"stock\": \"3\"}", "stock"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"stock\": 3000000000}", "stock"),
                Arguments.of("{\"name\": \"x\", \"price\": 1, \"stock\": 0, \"inStock\": true}", "inStock"));
    }

    @ParameterizedTest
    @MethodSource("invalidCreations")
    void invalidFieldIsRefusedByName(String body, String field) {
        long seller = newUserId();
        as(creator(seller)).body(body).when().post("/api/products")
                .then().statusCode(400)
                .body("success", equalTo(false)).body("error", equalTo("validation_error"))
                .body("field", equalTo(field)).body("message", notNullValue());
        as(creator(seller)).when().get("/api/products").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void bodyMustBeAJsonObject() {
        String token = creator(newUserId());
        as(token).body("{\"name\": ").when().post("/api/products")
                .then().statusCode(400).body("error", equalTo("invalid_json")).body("success", equalTo(false));
        as(token).body("[1, 2]").when().post("/api/products").then().statusCode(400).body("message", notNullValue());
        as(token).body("").when().post("/api/products").then().statusCode(400).body("message", notNullValue());
        as(token).body("\"text\"").when().post("/api/products").then().statusCode(400);
    }

    @Test
    void boundaryValuesAreAccepted() {
        String token = creator(newUserId());
        as(token).body(product("n".repeat(200), "0")).when().post("/api/products")
                .then().statusCode(201).body("price", equalTo(new BigDecimal("0.00")));
        as(token).body(product("Exact", "\"19.99\"")).when().post("/api/products")
                .then().statusCode(201).body("price", equalTo(new BigDecimal("19.99")));
        as(token).body(product("Trailing zeros", "19.900")).when().post("/api/products")
                .then().statusCode(201).body("price", equalTo(new BigDecimal("19.90")));
        as(token).body(product("Most expensive", "9999999999.99")).when().post("/api/products")
                .then().statusCode(201).body("price", equalTo(new BigDecimal("9999999999.99")));
        as(token).body("{\"name\": \"Blank optionals\", \"price\": 1, \"description\": \" \", \"category\": \"\", \"imageUrl\": \"\"}")
                .when().post("/api/products")
                .then().statusCode(201).body("description", equalTo(null)).body("category", equalTo(null))
                .body("imageUrl", equalTo(null));
        as(token).body("{\"name\": \"Sold out from the start\", \"price\": 1, \"stock\": 0}").when().post("/api/products")
                .then().statusCode(201).body("inStock", equalTo(false)).body("stock", equalTo(0));
        as(token).body("{\"name\": \"Paused\", \"price\": 1, \"inStock\": false}").when().post("/api/products")
                .then().statusCode(201).body("inStock", equalTo(false)).body("stock", equalTo(null));
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                Arguments.of("{\"name\": null}", "name"),
                Arguments.of("{\"name\": \"\"}", "name"),
                Arguments.of("{\"price\": null}", "price"),
                Arguments.of("{\"price\": -3}", "price"),
                Arguments.of("{\"price\": 1.111}", "price"),
                Arguments.of("{\"originalPrice\": -1}", "originalPrice"),
                Arguments.of("{\"inStock\": null}", "inStock"),
                Arguments.of("{\"stock\": -2}", "stock"),
                Arguments.of("{\"imageUrl\": \"nope\"}", "imageUrl"),
                Arguments.of("{\"stock\": 0, \"inStock\": true}", "inStock"));
    }

    @ParameterizedTest
    @MethodSource("invalidUpdates")
    void invalidUpdateIsRefusedAndChangesNothing(String body, String field) {
        String token = creator(newUserId());
        String id = createId(token, "{\"name\": \"Before\", \"price\": 12.5, \"stock\": 3, \"imageUrl\": \"https://x.example.com/i.png\"}");
        as(token).body(body).when().put("/api/products/" + id)
                .then().statusCode(400).body("field", equalTo(field)).body("success", equalTo(false));
        given().when().get("/api/products/" + id).then().statusCode(200)
                .body("name", equalTo("Before")).body("price", equalTo(new BigDecimal("12.50")))
                .body("stock", equalTo(3)).body("inStock", equalTo(true))
                .body("imageUrl", equalTo("https://x.example.com/i.png"));
    }

    @Test
    void inStockCannotBeTurnedOnWhileStockIsZero() {
        String token = creator(newUserId());
        String id = createId(token, "{\"name\": \"Empty\", \"price\": 1, \"stock\": 0}");
        as(token).body("{\"inStock\": true}").when().put("/api/products/" + id)
                .then().statusCode(400).body("field", equalTo("inStock"));
        as(token).body("{\"inStock\": true, \"stock\": 2}").when().put("/api/products/" + id)
                .then().statusCode(200).body("inStock", equalTo(true)).body("stock", equalTo(2));
    }
}
