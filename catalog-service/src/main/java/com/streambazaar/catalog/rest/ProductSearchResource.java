package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.repository.ProductSearchCriteria;
import com.streambazaar.catalog.service.ProductSearch;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public product search, a bare page {@code {data, total, limit, offset, hasMore}}. */
@Path("/api/search/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search")
public class ProductSearchResource {

    private final ProductSearch search;
    private final SearchParameters parameters;

    public ProductSearchResource(ProductSearch search, SearchParameters parameters) {
        this.search = search;
        this.parameters = parameters;
    }

    @GET
    @Operation(summary = "Search every seller's products")
    public Uni<SearchPage> search(
            @Parameter(description = "Text in name, description or category (case-insensitive)") @QueryParam("q") String q,
            @Parameter(description = "Category (trimmed, case-insensitive)") @QueryParam("category") String category,
            @Parameter(description = "true or false") @QueryParam("inStock") String inStock,
            @Parameter(description = "Lowest price, inclusive") @QueryParam("minPrice") String minPrice,
            @Parameter(description = "Highest price, inclusive") @QueryParam("maxPrice") String maxPrice,
            @Parameter(description = "newest (default), oldest, price-asc, price-desc, name") @QueryParam("sortBy") String sortBy,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit,
            @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offset) {
        ProductSearchCriteria criteria = parameters.read(q, category, inStock, minPrice, maxPrice, sortBy, limit, offset);
        return search.search(criteria).map(page -> new SearchPage(
                page.products().stream().map(ProductView::of).toList(), page.total(), criteria.limit(),
                criteria.offset(), criteria.offset() + page.products().size() < page.total()));
    }
}
