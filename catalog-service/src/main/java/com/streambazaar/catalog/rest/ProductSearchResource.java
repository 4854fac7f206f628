package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.config.CatalogConfig;
import com.streambazaar.catalog.repository.ProductSort;
import com.streambazaar.catalog.service.CategoryName;
import com.streambazaar.catalog.service.ProductSearch;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Page;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Public product search, a bare page {@code {data, total, limit, offset, hasMore}}. */
@Path("/api/search/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class ProductSearchResource {

    private static final String SORTS = Arrays.stream(ProductSort.values()).map(ProductSort::wireName)
            .collect(Collectors.joining(", "));
    /** Price bounds and sort names have no length of their own: a bound is rounded into range, a name looked up. */
    private static final int ANY_LENGTH = Integer.MAX_VALUE;

    private final ProductSearch search;
    private final CatalogConfig.Search config;

    public ProductSearchResource(ProductSearch search, CatalogConfig config) {
        this.search = search;
        this.config = config.search();
    }

    @GET
    @Operation(operationId = "searchProducts", summary = "Search every seller's products (a bare page)")
    public Uni<Page<ProductView>> search(
            @Parameter(description = "Text in name, description or category (case-insensitive)") @QueryParam("q") String q,
            @Parameter(description = "Category (trimmed, case-insensitive)") @QueryParam("category") String category,
            @Parameter(description = "true or false", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("inStock") String inStock,
            @Parameter(description = "Lowest price, inclusive", schema = @Schema(type = SchemaType.NUMBER, minimum = "0"))
            @QueryParam("minPrice") String minPrice,
            @Parameter(description = "Highest price, inclusive", schema = @Schema(type = SchemaType.NUMBER, minimum = "0"))
            @QueryParam("maxPrice") String maxPrice,
            @Parameter(description = "newest (default), oldest, price-asc, price-desc, name", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"newest", "oldest", "price-asc", "price-desc", "name"})) @QueryParam("sortBy") String sortBy,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit,
            @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offset) {
        String text = QueryParams.text("q", q, config.maxQueryLength());
        BigDecimal min = price("minPrice", minPrice);
        BigDecimal max = price("maxPrice", maxPrice);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw ApiException.badRequest("minPrice", "minPrice must not be greater than maxPrice");
        }
        ProductSort sort = sort(sortBy);
        PageRequest page = PageRequest.of(limit, offset, config.defaultLimit(), config.maxLimit());
        ProductSearch.Query query = new ProductSearch.Query(text, CategoryName.keyOf(category),
                QueryParams.bool("inStock", inStock), min, max, sort);
        return search.search(query, page).map(found -> found.map(ProductView::of));
    }

    private static ProductSort sort(String sortBy) {
        String name = QueryParams.text("sortBy", sortBy, ANY_LENGTH);
        if (name == null) {
            return ProductSort.NEWEST;
        }
        return ProductSort.fromWire(name.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiException.badRequest("sortBy", "sortBy must be one of: " + SORTS));
    }

    /** A decimal ≥ 0; absent or blank → no bound. */
    private static BigDecimal price(String name, String value) {
        String text = QueryParams.text(name, value, ANY_LENGTH);
        if (text == null) {
            return null;
        }
        BigDecimal price;
        try {
            price = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, name + " must be a number");
        }
        if (price.signum() < 0) {
            throw ApiException.badRequest(name, name + " must be 0 or more");
        }
        return price;
    }
}
