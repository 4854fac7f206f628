package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.service.CategoryName;
import com.streambazaar.catalog.service.ProductChanges;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Patch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of a product body, without HTTP: what is normalised, what is refused, what a partial update leaves alone. */
class ProductRequestRulesTest {

    private static final int DESCRIPTION_MAX = 5000;

    @ParameterizedTest
    @CsvSource({"0, 0.00", "19.9, 19.90", "19.900, 19.90", "1e2, 100.00", "9999999999.99, 9999999999.99"})
    void moneyIsExactWithTwoDecimals(String sent, String stored) {
        BigDecimal amount = ProductRequest.money("price", new BigDecimal(sent));
        assertEquals(new BigDecimal(stored), amount);
        assertEquals(2, amount.scale());
    }

    @ParameterizedTest
    @CsvSource({"-0.01, price must be 0 or more", "19.999, price must have at most 2 decimals",
            "0.001, price must have at most 2 decimals", "10000000000, price must be at most 9999999999.99",
            "1e400, price must be at most 9999999999.99"})
    void moneyOutsideNumeric12Comma2IsRefused(String sent, String message) {
        ApiException refusal = assertRefused("price", () -> ProductRequest.money("price", new BigDecimal(sent)));
        assertEquals(message, refusal.getMessage());
    }

    @Test
    void aNewProductNeedsNameAndPrice() {
        assertEquals("name is required", assertRefused("name", () -> body(Patch.absent(), Patch.of(BigDecimal.ONE))
                .forCreate(DESCRIPTION_MAX)).getMessage());
        assertEquals("price is required", assertRefused("price", () -> body(Patch.of("Lamp"), Patch.absent())
                .forCreate(DESCRIPTION_MAX)).getMessage());
        assertRefused("price", () -> body(Patch.of("Lamp"), Patch.of(null)).forCreate(DESCRIPTION_MAX));
        assertRefused("name", () -> body(Patch.of(null), Patch.absent()).forUpdate(DESCRIPTION_MAX));
    }

    @Test
    void textsAreTrimmedCleanedAndBlankOptionalsClear() {
        ProductChanges changes = new ProductRequest(Patch.of("  Desk\u0000 Lamp "), Patch.of("   "), Patch.of(BigDecimal.TEN),
                Patch.of(null), Patch.of("  Home \t  Decor "), Patch.absent(), Patch.absent(), Patch.of(""))
                .forCreate(DESCRIPTION_MAX);
        assertEquals("Desk Lamp", changes.name().value());
        assertEquals(Patch.of(null), changes.description());
        assertEquals(Patch.of(null), changes.originalPrice());
        assertEquals(new CategoryName("Home Decor", "home decor"), changes.category().value());
        assertEquals(Patch.of(null), changes.imageUrl());
        assertEquals(new BigDecimal("10.00"), changes.price().value());
    }

    @Test
    void lengthsAreCountedInCharactersAfterCleaning() {
        body(Patch.of("n".repeat(200)), Patch.of(BigDecimal.ONE)).forCreate(DESCRIPTION_MAX);
        assertEquals("name must be 1 to 200 characters", assertRefused("name",
                () -> body(Patch.of("n".repeat(201)), Patch.absent()).forUpdate(DESCRIPTION_MAX)).getMessage());
        assertEquals("name must be 1 to 200 characters", assertRefused("name",
                () -> body(Patch.of(" \u0001 "), Patch.absent()).forUpdate(DESCRIPTION_MAX)).getMessage());
        String category = "c".repeat(50) + "          " + "c".repeat(49);
        assertEquals(100, update(Patch.of(category), Patch.absent()).category().value().display().length(),
                "whitespace is collapsed before counting");
        assertRefused("category", () -> update(Patch.of("c".repeat(101)), Patch.absent()));
        assertRefused("description", () -> new ProductRequest(Patch.absent(), Patch.of("d".repeat(11)), Patch.absent(),
                Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent()).forUpdate(10));
    }

    @Test
    void imageUrlsAreAbsoluteHttpWithAHost() {
        assertEquals("https://img.example.com/a.png",
                update(Patch.absent(), Patch.of(" https://img.example.com/a.png ")).imageUrl().value());
        for (String bad : new String[] {"not a url", "/uploads/a.png", "ftp://files.example.com/a.png",
                "javascript:alert(1)", "http://", "https://" + "x".repeat(2048)}) {
            assertRefused("imageUrl", () -> update(Patch.absent(), Patch.of(bad)));
        }
    }

    @Test
    void aPartialUpdateChangesOnlyWhatWasSent() {
        ProductChanges changes = new ProductRequest(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent(), Patch.of(null), Patch.absent()).forUpdate(DESCRIPTION_MAX);
        assertFalse(changes.name().present());
        assertFalse(changes.price().present());
        assertFalse(changes.category().present());
        assertEquals(Patch.of(null), changes.stock(), "null stops tracking the stock");
    }

    @Test
    void inStockCannotBeClearedAndStockCannotBeNegative() {
        assertRefused("inStock", () -> new ProductRequest(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.of(null), Patch.absent(), Patch.absent()).forUpdate(DESCRIPTION_MAX));
        assertRefused("stock", () -> new ProductRequest(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent(), Patch.of(-1), Patch.absent()).forUpdate(DESCRIPTION_MAX));
    }

    @Test
    void aDecrementNeedsAQuantityOfAtLeastOne() {
        assertEquals(3, new StockDecrementRequest(3).validQuantity());
        assertRefused("quantity", () -> new StockDecrementRequest(null).validQuantity());
        assertRefused("quantity", () -> new StockDecrementRequest(0).validQuantity());
    }

    private static ProductRequest body(Patch<String> name, Patch<BigDecimal> price) {
        return new ProductRequest(name, Patch.absent(), price, Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent());
    }

    private static ProductChanges update(Patch<String> category, Patch<String> imageUrl) {
        return new ProductRequest(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), category,
                Patch.absent(), Patch.absent(), imageUrl).forUpdate(DESCRIPTION_MAX);
    }

    private static ApiException assertRefused(String field, Runnable rule) {
        ApiException refusal = assertThrows(ApiException.class, rule::run);
        assertEquals(400, refusal.status());
        assertEquals(field, refusal.details().get("field"));
        return refusal;
    }
}
