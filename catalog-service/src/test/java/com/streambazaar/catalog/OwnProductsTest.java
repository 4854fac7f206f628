package com.streambazaar.catalog;

import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static com.streambazaar.catalog.CatalogApi.as;
import static com.streambazaar.catalog.CatalogApi.createId;
import static com.streambazaar.catalog.CatalogApi.creator;
import static com.streambazaar.catalog.CatalogApi.newUserId;
import static com.streambazaar.catalog.CatalogApi.product;
import static com.streambazaar.catalog.CatalogApi.viewer;
import static com.streambazaar.catalog.CatalogApi.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seller's own lists and the public categories list. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class OwnProductsTest {

    @BeforeAll
    static void exactMoney() {
        CatalogApi.init();
    }

    @Test
    void ownProductsAreMineOnlyNewestFirst() {
        long me = newUserId();
        String token = creator(me);
        String first = createId(token, product("First", "1"));
        String second = createId(token, product("Second", "2"));
        String third = createId(token, product("Third", "3"));
        createId(creator(newUserId()), product("Someone else's", "4"));

        List<String> ids = as(token).when().get("/api/products")
                .then().statusCode(200)
                .body("sellerId", everyItem(equalTo((int) me)))
                .extract().jsonPath().getList("id");
        assertEquals(List.of(third, second, first), ids);

        as(viewer(newUserId())).when().get("/api/products").then().statusCode(200).body("size()", equalTo(0));
        given().when().get("/api/products").then().statusCode(401).body("success", equalTo(false));
    }

    @Test
    void inStockListsOnlyMyProductsOnSale() {
        String token = creator(newUserId());
        String onSale = createId(token, product("On sale", "1"));
        createId(token, "{\"name\": \"Paused\", \"price\": 1, \"inStock\": false}");
        createId(token, "{\"name\": \"Sold out\", \"price\": 1, \"stock\": 0}");
        String tracked = createId(token, "{\"name\": \"Tracked\", \"price\": 1, \"stock\": 5}");
        createId(creator(newUserId()), product("Foreign", "1"));

        List<String> ids = as(token).when().get("/api/products/in-stock")
                .then().statusCode(200).body("inStock", everyItem(equalTo(true)))
                .extract().jsonPath().getList("id");
        assertEquals(List.of(tracked, onSale), ids);
    }

    @Test
    void categoryIsTrimmedAndCaseInsensitive() {
        String token = creator(newUserId());
        String category = word();
        String a = createId(token, "{\"name\": \"A\", \"price\": 1, \"category\": \"Home " + category + "\"}");
        String b = createId(token, "{\"name\": \"B\", \"price\": 1, \"category\": \"  home   " + category.toUpperCase(Locale.ROOT) + " \"}");
        createId(token, "{\"name\": \"C\", \"price\": 1, \"category\": \"Garden " + category + "\"}");
        createId(creator(newUserId()), "{\"name\": \"D\", \"price\": 1, \"category\": \"Home " + category + "\"}");

        for (String asked : new String[]{"Home " + category, "HOME " + category.toUpperCase(Locale.ROOT),
                "  home " + category + "  ", "home   " + category}) {
            List<String> ids = as(token).when().get("/api/products/category/" + asked)
                    .then().statusCode(200).extract().jsonPath().getList("id");
            assertEquals(List.of(b, a), ids, "category '" + asked + "'");
        }
        as(token).when().get("/api/products/category/nothing-" + category).then().statusCode(200).body("size()", equalTo(0));
        given().when().get("/api/products/category/Home " + category).then().statusCode(401);
    }

    @Test
    void categoriesArePublicDistinctAndSorted() {
        String w = word();
        String one = creator(newUserId());
        String two = creator(newUserId());
        // "tools" is written two ways; the form most products use is shown
        createId(one, "{\"name\": \"t1\", \"price\": 1, \"category\": \"TOOLS " + w + "\"}");
        createId(two, "{\"name\": \"t2\", \"price\": 1, \"category\": \"tools " + w + "\"}");
        createId(two, "{\"name\": \"t3\", \"price\": 1, \"category\": \" tools  " + w + " \"}");
        // a tie keeps the form used first
        createId(one, "{\"name\": \"b1\", \"price\": 1, \"category\": \"Books " + w + "\"}");
        createId(two, "{\"name\": \"b2\", \"price\": 1, \"category\": \"BOOKS " + w + "\"}");
        createId(one, "{\"name\": \"z\", \"price\": 1, \"category\": \"Zebra " + w + "\"}");
        createId(one, "{\"name\": \"a\", \"price\": 1, \"category\": \"apple " + w + "\"}");

        List<String> categories = given().when().get("/api/products/categories")
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<String> mine = categories.stream().filter(c -> c.endsWith(w)).toList();
        assertEquals(List.of("apple " + w, "Books " + w, "tools " + w, "Zebra " + w), mine);

        Set<String> keys = new HashSet<>();
        for (String category : categories) {
            assertTrue(keys.add(category.toLowerCase(Locale.ROOT)), "one entry per category: " + category);
            assertEquals(category.strip(), category, "trimmed");
        }
        assertFalse(categories.contains(null));
    }
}
