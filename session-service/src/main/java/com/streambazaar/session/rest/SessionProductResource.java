package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.rest.QueryParams;
import com.streambazaar.common.security.Callers;
import com.streambazaar.session.rest.SessionRequests.AddProductBody;
import com.streambazaar.session.rest.SessionRequests.FeatureBody;
import com.streambazaar.session.rest.SessionRequests.FeaturedBody;
import com.streambazaar.session.rest.SessionRequests.OrderBody;
import com.streambazaar.session.service.SessionProductService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/** A session's products: list, add, remove, feature, order, set the featured set ({@code /api/sessions/:sid/products}). */
@Path("/api/sessions/{sid}/products")
@Tag(name = "Session products", description = "The products of a session: order, featured set")
public class SessionProductResource {

    private final Callers callers;
    private final SessionProductService service;

    public SessionProductResource(Callers callers, SessionProductService service) {
        this.callers = callers;
        this.service = service;
    }

    @GET
    @Operation(operationId = "listSessionProducts", summary = "The session's products in display order (public)")
    public Uni<ApiResponse<List<SessionProductJson>>> list(@PathParam("sid") String sid,
                                                          @Parameter(description = "true: only featured ones",
                                                                  schema = @Schema(type = SchemaType.BOOLEAN))
                                                          @QueryParam("featured") String featured) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        Boolean onlyFeatured = QueryParams.bool("featured", featured);
        return service.list(sessionId, onlyFeatured).map(items -> ApiResponse.list(
                "Session products retrieved successfully", items.stream().map(SessionProductJson::of).toList()));
    }

    @POST
    @Authenticated
    @Operation(operationId = "addSessionProduct", summary = "Add one of the caller's products to the session (owner)")
    @RequestBody(required = true)
    @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")
    @APIResponse(responseCode = "200", description = "Added (201)")
    @APIResponse(responseCode = "409", description = "The product is already in the session")
    @APIResponse(responseCode = "503", description = "Products cannot be checked right now (catalog unreachable)")
    public Uni<RestResponse<ApiResponse<SessionProductJson>>> add(@PathParam("sid") String sid, AddProductBody body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        AddProductBody request = Fields.body(body);
        UUID productId = Fields.required("productId", request.productId());
        boolean featured = Boolean.TRUE.equals(request.featured());
        Integer displayOrder = request.displayOrder() == null ? null : SessionRequests.displayOrder(request.displayOrder());
        return callers.required()
                .chain(caller -> service.add(caller, sessionId, productId, featured, displayOrder))
                .map(item -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(
                        "Product added to session successfully", SessionProductJson.of(item))));
    }

    /** Exactly these products become featured; answers the featured products in display order. */
    @PATCH
    @Authenticated
    @Operation(operationId = "setFeaturedSessionProducts", summary = "Make exactly these products featured (owner)")
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The featured products in display order")
    public Uni<ApiResponse<List<ProductJson>>> setFeatured(@PathParam("sid") String sid, FeaturedBody body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        List<UUID> productIds = SessionRequests.distinctIds("productIds",
                Fields.required("productIds", Fields.body(body).productIds()));
        return callers.required().chain(caller -> service.setFeatured(caller, sessionId, productIds))
                .map(featured -> ApiResponse.list("Featured products updated successfully",
                        featured.stream().map(ProductJson::of).toList()));
    }

    @PATCH
    @Path("/{pid}/feature")
    @Authenticated
    @Operation(operationId = "featureSessionProduct", summary = "Feature or unfeature one product of the session (owner)")
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The session product")
    public Uni<ApiResponse<SessionProductJson>> feature(@PathParam("sid") String sid, @PathParam("pid") String pid,
                                                       FeatureBody body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        UUID productId = PathIds.uuid("productId", pid);
        Boolean featured = Fields.body(body).featured();
        if (featured == null) {
            throw ApiException.badRequest("featured", "featured is required (true or false)");
        }
        return callers.required().chain(caller -> service.feature(caller, sessionId, productId, featured))
                .map(item -> ApiResponse.ok(featured ? "Product featured" : "Product unfeatured",
                        SessionProductJson.of(item)));
    }

    @PATCH
    @Path("/{pid}/order")
    @Authenticated
    @Operation(operationId = "orderSessionProduct", summary = "Move one product of the session (owner)")
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The session product")
    public Uni<ApiResponse<SessionProductJson>> order(@PathParam("sid") String sid, @PathParam("pid") String pid,
                                                     OrderBody body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        UUID productId = PathIds.uuid("productId", pid);
        int displayOrder = SessionRequests.displayOrder(Fields.body(body).displayOrder());
        return callers.required().chain(caller -> service.order(caller, sessionId, productId, displayOrder))
                .map(item -> ApiResponse.ok("Display order updated successfully", SessionProductJson.of(item)));
    }

    @DELETE
    @Path("/{pid}")
    @Authenticated
    @Operation(operationId = "removeSessionProduct", summary = "Take a product out of the session (owner)")
    @APIResponse(responseCode = "200", description = "Removed")
    public Uni<ApiResponse<Void>> remove(@PathParam("sid") String sid, @PathParam("pid") String pid) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        UUID productId = PathIds.uuid("productId", pid);
        return callers.required().chain(caller -> service.remove(caller, sessionId, productId))
                .map(ignored -> ApiResponse.done("Product removed from session successfully"));
    }
}
