package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.config.CatalogConfig;
import com.streambazaar.catalog.repository.Product;
import com.streambazaar.catalog.service.ProductCatalog;
import com.streambazaar.catalog.service.ProductChanges;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import com.streambazaar.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Products as the existing clients read them: bare JSON (no envelope). Literal sub-paths ({@code categories},
 * {@code in-stock}) win over {@code {id}} by JAX-RS matching rules.
 */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "The catalog: products as bare JSON (no envelope)")
public class ProductResource {

    private final ProductCatalog catalog;
    private final Callers callers;
    private final int maxDescription;

    public ProductResource(ProductCatalog catalog, Callers callers, CatalogConfig config) {
        this.catalog = catalog;
        this.callers = callers;
        this.maxDescription = config.product().maxDescriptionLength();
    }

    @GET
    @Authenticated
    @Operation(operationId = "listOwnProducts", summary = "The caller's own products, newest first")
    public Uni<List<ProductView>> own() {
        return callers.required().chain(catalog::ownedBy).map(ProductResource::views);
    }

    @GET
    @Path("in-stock")
    @Authenticated
    @Operation(operationId = "listOwnProductsInStock", summary = "The caller's own products that are in stock, newest first")
    public Uni<List<ProductView>> ownInStock() {
        return callers.required().chain(catalog::ownedInStock).map(ProductResource::views);
    }

    @GET
    @Path("category/{category}")
    @Authenticated
    @Operation(operationId = "listOwnProductsInCategory",
            summary = "The caller's own products of a category (trimmed, case-insensitive), newest first")
    public Uni<List<ProductView>> ownInCategory(@PathParam("category") String category) {
        return callers.required().chain(caller -> catalog.ownedInCategory(caller, category))
                .map(ProductResource::views);
    }

    @GET
    @Path("categories")
    @Operation(operationId = "listProductCategories",
            summary = "Every category in use, one display form per case-insensitive name, sorted")
    public Uni<List<String>> categories() {
        return catalog.categories();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getProduct", summary = "One product (public)")
    public Uni<ProductView> get(@PathParam("id") String id) {
        return catalog.find(productId(id)).map(ProductView::of);
    }

    @POST
    @RolesAllowed({Roles.CREATOR, Roles.ADMIN})
    @Operation(operationId = "createProduct", summary = "Create a product (creator or admin); the caller becomes its seller")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductRequest.class), examples = @ExampleObject(name = "jacket",
            value = "{\"name\": \"Linen jacket\", \"description\": \"Unlined, relaxed fit\", \"price\": 89.90, "
                    + "\"originalPrice\": 120.00, \"category\": \"Fashion\", \"stock\": 25, "
                    + "\"imageUrl\": \"https://cdn.example.com/jacket.jpg\"}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class)),
            headers = @Header(name = "Location", description = "/api/products/{id} of the new product",
                    schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> create(ProductRequest body) {
        ProductChanges fields = Fields.body(body).forCreate(maxDescription);
        return callers.required().chain(caller -> catalog.create(caller, fields))
                .map(product -> Response.created(URI.create("/api/products/" + product.id))
                        .entity(ProductView.of(product)).build());
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Operation(operationId = "updateProduct",
            summary = "Change the fields sent (seller or admin); null clears an optional field")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductRequest.class),
            examples = @ExampleObject(name = "reprice", value = "{\"price\": 79.00, \"originalPrice\": null}")))
    @APIResponse(responseCode = "200", description = "The changed product")
    public Uni<ProductView> update(@PathParam("id") String id, ProductRequest body) {
        UUID productId = productId(id);
        ProductChanges changes = Fields.body(body).forUpdate(maxDescription);
        return callers.required().chain(caller -> catalog.update(caller, productId, changes)).map(ProductView::of);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @Operation(operationId = "deleteProduct",
            summary = "Delete a product (seller or admin); sessions drop it through product.deleted")
    @APIResponse(responseCode = "204", description = "Deleted; no body")
    public Uni<Response> delete(@PathParam("id") String id) {
        UUID productId = productId(id);
        return callers.required().chain(caller -> catalog.delete(caller, productId))
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("{id}/stock/decrement")
    @Authenticated
    @Operation(operationId = "decrementProductStock",
            summary = "Take a quantity out of a tracked stock (seller or admin); 0 sells the product out")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The product with its new stock")
    @APIResponse(responseCode = "409", description = "The product tracks no stock, or has less than the quantity")
    public Uni<ProductView> decrementStock(@PathParam("id") String id, StockDecrementRequest body) {
        UUID productId = productId(id);
        int quantity = Fields.body(body).validQuantity();
        return callers.required().chain(caller -> catalog.decrementStock(caller, productId, quantity))
                .map(ProductView::of);
    }

    static UUID productId(String id) {
        return PathIds.uuid("id", id);
    }

    private static List<ProductView> views(List<Product> products) {
        return products.stream().map(ProductView::of).toList();
    }
}
