package com.streambazaar.catalog;

import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.streambazaar.catalog.CatalogApi.createId;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search correctness for every filter, sort and paging parameter. Every product here carries one fresh word, so
 * the other tests' products (same database) never interfere.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class ProductSearchTest {

    private static String w;
    /** Created oldest first: lamp, chair, greenLamp, crate, rug. */
    private static String lamp;
    private static String chair;
    private static String greenLamp;
    private static String crate;
    private static String rug;

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    /** Once per class, on first use (the HTTP port is known only once a test runs). */
    @BeforeEach
    void products() {
        if (rug != null) {
            return;
        }
        w = word();
        String one = creator(newUserId());
        String two = creator(newUserId());
        lamp = createId(one, "{\"name\": \"Red Lamp " + w + "\", \"price\": 10, \"category\": \"Lighting " + w + "\"}");
        chair = createId(two, "{\"name\": \"blue chair\", \"description\": \"comfy " + w + " seat\", \"price\": 55.5,"
                + " \"category\": \"Furniture " + w + "\", \"inStock\": false}");
        greenLamp = createId(one, "{\"name\": \"Green lamp\", \"price\": 25.25, \"category\": \"LIGHTING " + w + "\","
                + " \"stock\": 3}");
        crate = createId(two, "{\"name\": \"apple crate\", \"description\": \"wooden\", \"price\": 5,"
                + " \"category\": \"Storage " + w + "\"}");
        rug = createId(one, "{\"name\": \"Zebra rug " + w + "\", \"price\": 99.99, \"stock\": 0}");
    }

    private static RequestSpecification search() {
        return given().queryParam("q", w);
    }

    private static List<String> ids(RequestSpecification request) {
        return request.when().get("/api/search/products").then().statusCode(200).extract().jsonPath().getList("data.id");
    }

    @Test
    void textMatchesNameDescriptionAndCategoryNewestFirst() {
        ExtractableResponse<Response> page = search().when().get("/api/search/products")
                .then().statusCode(200)
                .body("total", equalTo(5)).body("limit", equalTo(20)).body("offset", equalTo(0))
                .body("hasMore", equalTo(false))
                .extract();
        assertEquals(List.of(rug, crate, greenLamp, chair, lamp), page.jsonPath().getList("data.id"));
        Map<String, Object> first = page.path("data[0]");
        assertEquals(List.of("id", "name", "description", "price", "originalPrice", "category", "inStock", "stock",
                "imageUrl", "sellerId", "createdAt", "updatedAt"), List.copyOf(first.keySet()), "bare products");

        assertEquals(List.of(lamp), ids(given().queryParam("q", "red lamp " + w)), "name");
        assertEquals(List.of(chair), ids(given().queryParam("q", "comfy " + w)), "description");
        assertEquals(List.of(crate), ids(given().queryParam("q", "storage " + w)), "category");
        assertEquals(List.of(rug, crate, greenLamp, chair, lamp),
                ids(given().queryParam("q", "  " + w.toUpperCase(Locale.ROOT) + " ")), "case-insensitive, trimmed");
    }

    @Test
    void wildcardsInTheTextAreLiteral() {
        assertEquals(List.of(), ids(given().queryParam("q", w + "%")));
        assertEquals(List.of(), ids(given().queryParam("q", w.substring(0, 4) + "_" + w.substring(5))));
        assertEquals(List.of(), ids(given().queryParam("q", "\\" + w)));
    }

    @Test
    void categoryFilterIsTrimmedAndCaseInsensitive() {
        assertEquals(List.of(greenLamp, lamp), ids(given().queryParam("category", "  lighting " + w.toUpperCase(Locale.ROOT) + " ")));
        assertEquals(List.of(greenLamp, lamp), ids(search().queryParam("category", "Lighting " + w)));
        assertEquals(List.of(), ids(search().queryParam("category", "Lighting")));
    }

    @Test
    void inStockFilter() {
        assertEquals(List.of(crate, greenLamp, lamp), ids(search().queryParam("inStock", "true")));
        assertEquals(List.of(rug, chair), ids(search().queryParam("inStock", "false")));
    }

    @Test
    void priceRangeIsInclusive() {
        assertEquals(List.of(greenLamp, chair), ids(search().queryParam("minPrice", "25.25").queryParam("maxPrice", "55.50")));
        assertEquals(List.of(rug, chair), ids(search().queryParam("minPrice", "55.5")));
        assertEquals(List.of(crate, lamp), ids(search().queryParam("maxPrice", "10")));
        assertEquals(List.of(chair), ids(search().queryParam("minPrice", "25.251").queryParam("maxPrice", "60")));
        assertEquals(List.of(crate, lamp), ids(search().queryParam("maxPrice", "25.249")));
        assertEquals(List.of(rug, crate, greenLamp, chair, lamp), ids(search().queryParam("minPrice", "0").queryParam("maxPrice", "1e30")));
        assertEquals(List.of(), ids(search().queryParam("minPrice", "1e30")));
        assertEquals(List.of(crate), ids(search().queryParam("inStock", "true").queryParam("maxPrice", "9.99")));
    }

    @ParameterizedTest
    @CsvSource({"newest", "oldest", "price-asc", "price-desc", "name"})
    void everySort(String sortBy) {
        List<String> expected = switch (sortBy) {
            case "newest" -> List.of(rug, crate, greenLamp, chair, lamp);
            case "oldest" -> List.of(lamp, chair, greenLamp, crate, rug);
            case "price-asc" -> List.of(crate, lamp, greenLamp, chair, rug);
            case "price-desc" -> List.of(rug, chair, greenLamp, lamp, crate);
            case "name" -> List.of(crate, chair, greenLamp, lamp, rug); // apple, blue, Green, Red, Zebra
            default -> throw new IllegalArgumentException(sortBy);
        };
        assertEquals(expected, ids(search().queryParam("sortBy", sortBy)));
    }

    @Test
    void pricesAreExactNumbers() {
        ExtractableResponse<Response> page = search().queryParam("sortBy", "price-asc").when().get("/api/search/products")
                .then().statusCode(200).extract();
        assertEquals(List.of(new BigDecimal("5.00"), new BigDecimal("10.00"), new BigDecimal("25.25"),
                new BigDecimal("55.50"), new BigDecimal("99.99")), page.jsonPath().getList("data.price"));
    }

    @Test
    void paging() {
        search().queryParam("limit", 2).queryParam("sortBy", "oldest").when().get("/api/search/products")
                .then().statusCode(200)
                .body("data.id", equalTo(List.of(lamp, chair)))
                .body("total", equalTo(5)).body("limit", equalTo(2)).body("offset", equalTo(0)).body("hasMore", equalTo(true));
        search().queryParam("limit", 2).queryParam("offset", 2).queryParam("sortBy", "oldest").when().get("/api/search/products")
                .then().statusCode(200)
                .body("data.id", equalTo(List.of(greenLamp, crate))).body("offset", equalTo(2)).body("hasMore", equalTo(true));
        search().queryParam("limit", 2).queryParam("offset", 4).queryParam("sortBy", "oldest").when().get("/api/search/products")
                .then().statusCode(200)
                .body("data.id", equalTo(List.of(rug))).body("hasMore", equalTo(false)).body("total", equalTo(5));
        search().queryParam("offset", 50).when().get("/api/search/products")
                .then().statusCode(200)
                .body("data.size()", equalTo(0)).body("total", equalTo(5)).body("hasMore", equalTo(false));
        search().queryParam("limit", 100).when().get("/api/search/products")
                .then().statusCode(200).body("limit", equalTo(100)).body("data.size()", equalTo(5));
    }

    @Test
    void noFiltersListsEveryone() {
        ExtractableResponse<Response> page = given().when().get("/api/search/products").then().statusCode(200)
                .extract();
        int total = page.path("total");
        assertTrue(total >= 5, "at least this class's products");
        assertEquals(Math.min(total, 20), page.jsonPath().getList("data").size());
        assertEquals(total > 20, page.path("hasMore"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sortBy|popular", "sortBy|price", "limit|0", "limit|101", "limit|-1", "limit|ten", "limit|2.5",
            "offset|-1", "offset|x", "minPrice|cheap", "maxPrice|1,5", "minPrice|-1", "inStock|maybe", "inStock|1"})
    void invalidParameterIs400(String name, String value) {
        given().queryParam(name, value).when().get("/api/search/products")
                .then().statusCode(400)
                .body("success", equalTo(false)).body("field", equalTo(name)).body("message", notNullValue());
    }

    @Test
    void minAboveMaxIs400() {
        given().queryParam("minPrice", "10").queryParam("maxPrice", "5").when().get("/api/search/products")
                .then().statusCode(400).body("field", equalTo("minPrice"));
        given().queryParam("q", "x".repeat(201)).when().get("/api/search/products")
                .then().statusCode(400).body("field", equalTo("q"));
    }
}
