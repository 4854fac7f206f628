package com.streambazaar.catalog.service;

import com.streambazaar.common.event.contract.UserState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Categories as shown and matched, search price bounds, and which user states leave a seller active. */
class CatalogReadRulesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aCategoryIsTrimmedCollapsedAndMatchedInLowerCase() {
        assertEquals(new CategoryName("Home Decor", "home decor"), CategoryName.of("  Home \t\n  Decor "));
        assertEquals("home decor", CategoryName.keyOf("HOME DECOR"));
        assertNull(CategoryName.of("   "));
        assertNull(CategoryName.of(null));
        assertNull(CategoryName.keyOf(""));
    }

    @Test
    void priceBoundsAreRoundedInwardsAndKeptWithinNumeric12Comma2() {
        assertEquals(new BigDecimal("25.26"), ProductSearch.storable(new BigDecimal("25.251"), RoundingMode.CEILING));
        assertEquals(new BigDecimal("25.24"), ProductSearch.storable(new BigDecimal("25.249"), RoundingMode.FLOOR));
        assertEquals(new BigDecimal("10.00"), ProductSearch.storable(new BigDecimal("10"), RoundingMode.FLOOR));
        assertEquals(new BigDecimal("10000000000.00"), ProductSearch.storable(new BigDecimal("1e9999"), RoundingMode.FLOOR));
        assertEquals(new BigDecimal("0.01"), ProductSearch.storable(new BigDecimal("1e-9999"), RoundingMode.CEILING));
        assertNull(ProductSearch.storable(null, RoundingMode.CEILING));
    }

    @Test
    void aSellerIsActiveUnlessDeactivated() {
        assertTrue(SellerProjection.active(UserState.UPDATED, UserState.active(1, "maker", "creator", T0, T0)));
        assertTrue(SellerProjection.active(UserState.UPDATED, new UserState(1, "maker", "creator", null, T0, T0, null)),
                "events from before the field existed describe accounts in use");
        assertFalse(SellerProjection.active(UserState.UPDATED, new UserState(1, "maker", "creator", false, T0, T0, T0)));
        assertFalse(SellerProjection.active(UserState.DEACTIVATED, UserState.active(1, "maker", "creator", T0, T0)),
                "user.deactivated whatever its data says");
    }
}
