package com.streambazaar.catalog.service;

import com.streambazaar.catalog.repository.Product;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Patch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How sent fields change a product, stock rules included, and how its {@code updatedAt} moves; no database. */
class ProductCatalogRulesTest {

    @Test
    void onlySentFieldsChangeAndNullClearsAnOptionalOne() {
        Product product = product(5, true);
        product.description = "old";
        product.category = "Home Decor";
        product.categoryKey = "home decor";
        ProductCatalog.apply(product, new ProductChanges(Patch.absent(), Patch.of(null), Patch.absent(), Patch.absent(),
                Patch.of(new CategoryName("Lighting", "lighting")), Patch.absent(), Patch.absent(), Patch.absent()));
        assertNull(product.description);
        assertEquals("Lighting", product.category);
        assertEquals("lighting", product.categoryKey);
        assertEquals("Lamp", product.name, "not sent, unchanged");
        assertEquals(5, product.stock);
    }

    @Test
    void stockZeroMeansNotInStock() {
        Product product = product(3, true);
        ProductCatalog.apply(product, changes(Patch.absent(), Patch.of(0)));
        assertFalse(product.inStock);

        Product untracked = product(null, true);
        ProductCatalog.apply(untracked, changes(Patch.absent(), Patch.of(0)));
        assertFalse(untracked.inStock);
    }

    @Test
    void inStockTrueWithStockZeroIsRefused() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> ProductCatalog.apply(product(0, false), changes(Patch.of(true), Patch.absent())));
        assertEquals("inStock", refusal.details().get("field"));
        assertThrows(ApiException.class,
                () -> ProductCatalog.apply(product(4, true), changes(Patch.of(true), Patch.of(0))));
    }

    @Test
    void restockingFromZeroPutsTheProductBackInStockUnlessToldOtherwise() {
        Product restocked = product(0, false);
        ProductCatalog.apply(restocked, changes(Patch.absent(), Patch.of(2)));
        assertTrue(restocked.inStock);

        Product paused = product(0, false);
        ProductCatalog.apply(paused, changes(Patch.of(false), Patch.of(2)));
        assertFalse(paused.inStock);

        Product stillPaused = product(3, false);
        ProductCatalog.apply(stillPaused, changes(Patch.absent(), Patch.of(4)));
        assertFalse(stillPaused.inStock, "only a stock coming from 0 turns the product back on");
    }

    @Test
    void aPausedProductKeepsItsStock() {
        Product product = product(7, true);
        ProductCatalog.apply(product, changes(Patch.of(false), Patch.absent()));
        assertFalse(product.inStock);
        assertEquals(7, product.stock);
    }

    private static Product product(Integer stock, boolean inStock) {
        Product product = new Product();
        product.name = "Lamp";
        product.price = new BigDecimal("10.00");
        product.stock = stock;
        product.inStock = inStock;
        return product;
    }

    /** Only {@code inStock} and {@code stock} sent. */
    private static ProductChanges changes(Patch<Boolean> inStock, Patch<Integer> stock) {
        return new ProductChanges(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                inStock, stock, Patch.absent());
    }
}
