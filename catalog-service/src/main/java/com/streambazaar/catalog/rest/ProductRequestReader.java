package com.streambazaar.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.streambazaar.catalog.config.CatalogConfig;
import com.streambazaar.catalog.service.CategoryName;
import com.streambazaar.catalog.service.ProductChanges;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Patch;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads and validates product bodies field by field: a partial update must know which fields were sent at all,
 * and money must be read exactly (as decimals, never through a double).
 */
@ApplicationScoped
public class ProductRequestReader {

    static final int MAX_NAME = 200;
    static final int MAX_CATEGORY = 100;
    static final int MAX_URL = 2048;
    /** numeric(12,2) */
    static final BigDecimal MAX_MONEY = new BigDecimal("9999999999.99");

    private final ObjectReader json;
    private final int maxDescription;

    public ProductRequestReader(ObjectMapper mapper, CatalogConfig config) {
        // the shared mapper reads decimals as BigDecimal (bazaar-common ExactDecimalJson): money never passes a double
        this.json = mapper.reader();
        this.maxDescription = config.product().maxDescriptionLength();
    }

    /** A new product: {@code name} and {@code price} are required. */
    public ProductChanges forCreate(String body) {
        JsonNode root = object(body);
        ProductChanges fields = fields(root);
        if (!fields.name().present()) {
            throw ApiException.badRequest("name", "name is required");
        }
        if (!fields.price().present()) {
            throw ApiException.badRequest("price", "price is required");
        }
        return fields;
    }

    /** A partial update: only the fields present change. */
    public ProductChanges forUpdate(String body) {
        return fields(object(body));
    }

    /** {@code {quantity}}: a whole number ≥ 1. */
    public int quantity(String body) {
        JsonNode quantity = object(body).get("quantity");
        if (quantity == null || quantity.isNull()) {
            throw ApiException.badRequest("quantity", "quantity is required");
        }
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 1) {
            throw ApiException.badRequest("quantity", "quantity must be a whole number of at least 1");
        }
        return quantity.intValue();
    }

    private ProductChanges fields(JsonNode root) {
        return new ProductChanges(
                change(root, "name", ProductRequestReader::name),
                change(root, "description", this::description),
                change(root, "price", node -> money("price", node)),
                change(root, "originalPrice", node -> node.isNull() ? null : money("originalPrice", node)),
                change(root, "category", ProductRequestReader::category),
                change(root, "inStock", ProductRequestReader::inStock),
                change(root, "stock", ProductRequestReader::stock),
                change(root, "imageUrl", ProductRequestReader::imageUrl));
    }

    private JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "Request body is required");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "Request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(null, "Request body must be a JSON object");
        }
        return root;
    }

    private static <T> Patch<T> change(JsonNode root, String field, Function<JsonNode, T> read) {
        JsonNode node = root.get(field);
        return node == null ? Patch.absent() : Patch.of(read.apply(node));
    }

    private static String name(JsonNode node) {
        if (node.isNull()) {
            throw ApiException.badRequest("name", "name is required");
        }
        String name = text("name", node).strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME) {
            throw ApiException.badRequest("name", "name must be 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private String description(JsonNode node) {
        String description = optionalText("description", node);
        if (description != null && description.codePointCount(0, description.length()) > maxDescription) {
            throw ApiException.badRequest("description", "description must be at most " + maxDescription + " characters");
        }
        return description;
    }

    /** A JSON number or numeric string, ≥ 0, at most 2 decimals, within numeric(12,2). */
    static BigDecimal money(String field, JsonNode node) {
        BigDecimal amount;
        if (node.isNumber()) {
            amount = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                amount = new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(field, field + " must be a number");
            }
        } else if (node.isNull()) {
            throw ApiException.badRequest(field, field + " is required");
        } else {
            throw ApiException.badRequest(field, field + " must be a number");
        }
        if (amount.signum() < 0) {
            throw ApiException.badRequest(field, field + " must be 0 or more");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw ApiException.badRequest(field, field + " must have at most 2 decimals");
        }
        if (amount.compareTo(MAX_MONEY) > 0) {
            throw ApiException.badRequest(field, field + " must be at most " + MAX_MONEY);
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static CategoryName category(JsonNode node) {
        CategoryName category = CategoryName.of(optionalText("category", node));
        if (category != null && category.display().codePointCount(0, category.display().length()) > MAX_CATEGORY) {
            throw ApiException.badRequest("category", "category must be at most " + MAX_CATEGORY + " characters");
        }
        return category;
    }

    private static Boolean inStock(JsonNode node) {
        if (!node.isBoolean()) {
            throw ApiException.badRequest("inStock", "inStock must be true or false");
        }
        return node.booleanValue();
    }

    private static Integer stock(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw ApiException.badRequest("stock", "stock must be a whole number of 0 or more, or null");
        }
        return node.intValue();
    }

    /** An absolute http(s) URL with a host. */
    private static String imageUrl(JsonNode node) {
        String url = optionalText("imageUrl", node);
        if (url == null) {
            return null;
        }
        if (url.length() > MAX_URL) {
            throw ApiException.badRequest("imageUrl", "imageUrl must be at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ApiException.badRequest("imageUrl", "imageUrl must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("imageUrl", "imageUrl is not a well-formed URL");
        }
        return url;
    }

    /** Trimmed text; null or blank → null. */
    private static String optionalText(String field, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        String text = text(field, node).strip();
        return text.isEmpty() ? null : text;
    }

    private static String text(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        return node.textValue();
    }
}
