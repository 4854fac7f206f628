package com.streambazaar.catalog.rest;

import com.streambazaar.catalog.repository.Product;
import com.streambazaar.catalog.service.ProductCatalog;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
@Tag(name = "products")
public class ProductResource {

    private final ProductCatalog catalog;
    private final ProductRequestReader requests;
    private final JsonWebToken jwt;

    public ProductResource(ProductCatalog catalog, ProductRequestReader requests, JsonWebToken jwt) {
        this.catalog = catalog;
        this.requests = requests;
        this.jwt = jwt;
    }

    @GET
    @Authenticated
    @Operation(summary = "The caller's own products, newest first")
    public Uni<List<ProductView>> own() {
        return catalog.ownedBy(Caller.required(jwt)).map(ProductResource::views);
    }

    @GET
    @Path("in-stock")
    @Authenticated
    @Operation(summary = "The caller's own products that are in stock, newest first")
    public Uni<List<ProductView>> ownInStock() {
        return catalog.ownedInStock(Caller.required(jwt)).map(ProductResource::views);
    }

    @GET
    @Path("category/{category}")
    @Authenticated
    @Operation(summary = "The caller's own products of a category (trimmed, case-insensitive), newest first")
    public Uni<List<ProductView>> ownInCategory(@PathParam("category") String category) {
        return catalog.ownedInCategory(Caller.required(jwt), category).map(ProductResource::views);
    }

    @GET
    @Path("categories")
    @Operation(summary = "Every category in use, one display form per case-insensitive name, sorted")
    public Uni<List<String>> categories() {
        return catalog.categories();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One product (public)")
    public Uni<ProductView> get(@PathParam("id") String id) {
        return catalog.find(productId(id)).map(ProductView::of);
    }

    @POST
    @RolesAllowed({Roles.CREATOR, Roles.ADMIN})
    @Operation(summary = "Create a product; the caller becomes its seller")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductRequest.class)))
    public Uni<Response> create(String body) {
        Caller caller = Caller.required(jwt);
        return catalog.create(caller, requests.forCreate(body))
                .map(product -> Response.created(URI.create("/api/products/" + product.id))
                        .entity(ProductView.of(product)).build());
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Change the fields sent (seller or admin); null clears an optional field")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductRequest.class)))
    public Uni<ProductView> update(@PathParam("id") String id, String body) {
        Caller caller = Caller.required(jwt);
        UUID productId = productId(id);
        return catalog.update(caller, productId, requests.forUpdate(body)).map(ProductView::of);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @Operation(summary = "Delete a product (seller or admin); sessions drop it through product.deleted")
    public Uni<Response> delete(@PathParam("id") String id) {
        Caller caller = Caller.required(jwt);
        return catalog.delete(caller, productId(id)).map(done -> Response.noContent().build());
    }

    @POST
    @Path("{id}/stock/decrement")
    @Authenticated
    @Operation(summary = "Take a quantity out of a tracked stock (seller or admin); 0 sells the product out")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StockDecrementRequest.class)))
    public Uni<ProductView> decrementStock(@PathParam("id") String id, String body) {
        Caller caller = Caller.required(jwt);
        UUID productId = productId(id);
        return catalog.decrementStock(caller, productId, requests.quantity(body)).map(ProductView::of);
    }

    static UUID productId(String id) {
        return PathIds.uuid("id", id);
    }

    private static List<ProductView> views(List<Product> products) {
        return products.stream().map(ProductView::of).toList();
    }
}
