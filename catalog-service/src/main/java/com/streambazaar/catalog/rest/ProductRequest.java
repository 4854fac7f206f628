package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.service.CategoryName;
import com.streambazaar.catalog.service.ProductChanges;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.rest.Patch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The body of POST and PUT /api/products. Each field is a {@link Patch}: left out (unchanged on PUT), sent as null
 * (cleared, where a field may be cleared) or sent with a value. Wrong JSON types are refused by the shared mapper
 * before this exists; money arrives as a BigDecimal (a JSON number or a numeric string), never through a double.
 */
@Schema(name = "ProductRequest", description = "POST needs name and price; PUT changes only the fields sent, "
        + "and null clears description, originalPrice, category, stock and imageUrl.")
public record ProductRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = ProductRequest.NAME_MAX) Patch<String> name,
        @Schema(implementation = String.class, nullable = true, maxLength = 5000) Patch<String> description,
        @Schema(implementation = BigDecimal.class, minimum = "0",
                description = "At most 2 decimals; a JSON number or a numeric string") Patch<BigDecimal> price,
        @Schema(implementation = BigDecimal.class, nullable = true, minimum = "0") Patch<BigDecimal> originalPrice,
        @Schema(implementation = String.class, nullable = true, maxLength = ProductRequest.CATEGORY_MAX,
                description = "Trimmed; matched case-insensitively") Patch<String> category,
        @Schema(implementation = Boolean.class, description = "Defaults to true (false when stock is 0)")
        Patch<Boolean> inStock,
        @Schema(implementation = Integer.class, nullable = true, minimum = "0",
                description = "Optional quantity; 0 makes the product sold out") Patch<Integer> stock,
        @Schema(implementation = String.class, nullable = true, format = "uri", maxLength = ProductRequest.URL_MAX,
                description = "Absolute http(s) URL") Patch<String> imageUrl) {

    static final int NAME_MAX = 200;
    static final int CATEGORY_MAX = 100;
    static final int URL_MAX = 2048;
    /** numeric(12,2) */
    static final BigDecimal MONEY_MAX = new BigDecimal("9999999999.99");
    /** Name and category are checked for length after cleaning (and collapsing), with messages of their own. */
    private static final int CHECKED_LATER = Integer.MAX_VALUE;

    /** A new product: {@code name} and {@code price} are required. */
    public ProductChanges forCreate(int maxDescription) {
        ProductChanges changes = changes(maxDescription);
        if (!changes.name().present()) {
            throw ApiException.badRequest("name", "name is required");
        }
        if (!changes.price().present()) {
            throw ApiException.badRequest("price", "price is required");
        }
        return changes;
    }

    /** A partial update: only the fields present change. */
    public ProductChanges forUpdate(int maxDescription) {
        return changes(maxDescription);
    }

    private ProductChanges changes(int maxDescription) {
        return new ProductChanges(validName(), Fields.text("description", description, maxDescription),
                price.present() ? Patch.of(money("price", Fields.required("price", price.value()))) : Patch.absent(),
                originalPrice.present() && originalPrice.value() != null
                        ? Patch.of(money("originalPrice", originalPrice.value())) : originalPrice,
                validCategory(), validInStock(), validStock(), validImageUrl());
    }

    /** ≥ 0, at most 2 decimals, within numeric(12,2); answered with scale 2 (19.9 → 19.90). */
    static BigDecimal money(String field, BigDecimal amount) {
        if (amount.signum() < 0) {
            throw ApiException.badRequest(field, field + " must be 0 or more");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw ApiException.badRequest(field, field + " must have at most 2 decimals");
        }
        if (amount.compareTo(MONEY_MAX) > 0) {
            throw ApiException.badRequest(field, field + " must be at most " + MONEY_MAX);
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private Patch<String> validName() {
        if (!name.present()) {
            return name;
        }
        if (name.value() == null) {
            throw ApiException.badRequest("name", "name is required");
        }
        String text = Fields.text("name", name.value(), CHECKED_LATER);
        if (text == null || text.codePointCount(0, text.length()) > NAME_MAX) {
            throw ApiException.badRequest("name", "name must be 1 to " + NAME_MAX + " characters");
        }
        return Patch.of(text);
    }

    private Patch<CategoryName> validCategory() {
        if (!category.present()) {
            return Patch.absent();
        }
        CategoryName name = CategoryName.of(Fields.text("category", category.value(), CHECKED_LATER));
        if (name != null && name.display().codePointCount(0, name.display().length()) > CATEGORY_MAX) {
            throw ApiException.badRequest("category", "category must be at most " + CATEGORY_MAX + " characters");
        }
        return Patch.of(name);
    }

    private Patch<Boolean> validInStock() {
        if (inStock.present() && inStock.value() == null) {
            throw ApiException.badRequest("inStock", "inStock must be true or false");
        }
        return inStock;
    }

    private Patch<Integer> validStock() {
        if (stock.present() && stock.value() != null && stock.value() < 0) {
            throw ApiException.badRequest("stock", "stock must be a whole number of 0 or more, or null");
        }
        return stock;
    }

    /** An absolute http(s) URL with a host; blank or null clears it. */
    private Patch<String> validImageUrl() {
        Patch<String> url = Fields.text("imageUrl", imageUrl, URL_MAX);
        if (url.value() == null) {
            return url;
        }
        try {
            URI uri = new URI(url.value());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ApiException.badRequest("imageUrl", "imageUrl must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("imageUrl", "imageUrl is not a well-formed URL");
        }
        return url;
    }
}
