package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import com.streambazaar.common.rest.Patch;
import com.streambazaar.session.service.SessionProductService;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/** A session's products: list, add, remove, feature, order, set the featured set ({@code /api/sessions/:sid/products}). */
@Path("/api/sessions/{sid}/products")
public class SessionProductResource {

    static final int ORDER_MAX = 100_000;

    private final Callers callers;
    private final SessionProductService service;
    private final SessionViews views;

    public SessionProductResource(Callers callers, SessionProductService service, SessionViews views) {
        this.callers = callers;
        this.service = service;
        this.views = views;
    }

    @GET
    @WithSession
    public Uni<ApiResponse<List<SessionProductJson>>> list(@PathParam("sid") String sid,
                                                          @QueryParam("featured") String featured) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        Boolean onlyFeatured = featured == null || featured.isBlank() ? null : switch (featured.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest("featured", "featured must be true or false");
        };
        return service.list(sessionId, onlyFeatured).chain(views::sessionProducts)
                .map(list -> ApiResponse.list("Session products retrieved successfully", list));
    }

    /** {@code {productId, featured?, displayOrder?}} */
    @POST
    @Authenticated
    @WithSession
    public Uni<RestResponse<ApiResponse<SessionProductJson>>> add(@PathParam("sid") String sid, JsonNode body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        JsonFields fields = JsonFields.of(body);
        Patch<UUID> productId = fields.uuid("productId");
        if (productId.value() == null) {
            throw ApiException.badRequest("productId", "productId is required");
        }
        boolean featured = fields.bool("featured").orElse(false);
        Integer displayOrder = fields.integer("displayOrder", 0, ORDER_MAX).value();
        return callers.required()
                .chain(caller -> service.add(caller, sessionId, productId.value(), featured, displayOrder))
                .map(linked -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(
                        "Product added to session successfully",
                        SessionViews.sessionProduct(linked.link(), linked.product()))));
    }

    /** {@code {productIds[]}}: exactly these products become featured; answers the featured products in order. */
    @PATCH
    @Authenticated
    @WithSession
    public Uni<ApiResponse<List<ProductJson>>> setFeatured(@PathParam("sid") String sid, JsonNode body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        Patch<List<UUID>> productIds = JsonFields.of(body).uuidList("productIds", SessionResource.PRODUCTS_MAX);
        if (!productIds.present() || body.get("productIds").isNull()) {
            throw ApiException.badRequest("productIds", "productIds is required (an array of product ids)");
        }
        return callers.required().chain(caller -> service.setFeatured(caller, sessionId, productIds.value()))
                .map(cards -> ApiResponse.list("Featured products updated successfully",
                        cards.stream().map(ProductJson::of).toList()));
    }

    /** {@code {featured}} */
    @PATCH
    @Path("/{pid}/feature")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<SessionProductJson>> feature(@PathParam("sid") String sid, @PathParam("pid") String pid,
                                                       JsonNode body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        UUID productId = PathIds.uuid("productId", pid);
        Patch<Boolean> featured = JsonFields.of(body).bool("featured");
        if (!featured.present()) {
            throw ApiException.badRequest("featured", "featured is required (true or false)");
        }
        return callers.required().chain(caller -> service.feature(caller, sessionId, productId, featured.value()))
                .map(linked -> ApiResponse.ok(featured.value() ? "Product featured" : "Product unfeatured",
                        SessionViews.sessionProduct(linked.link(), linked.product())));
    }

    /** {@code {displayOrder}} */
    @PATCH
    @Path("/{pid}/order")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<SessionProductJson>> order(@PathParam("sid") String sid, @PathParam("pid") String pid,
                                                     JsonNode body) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        UUID productId = PathIds.uuid("productId", pid);
        Patch<Integer> displayOrder = JsonFields.of(body).integer("displayOrder", 0, ORDER_MAX);
        if (!displayOrder.present()) {
            throw ApiException.badRequest("displayOrder", "displayOrder is required (an integer from 0)");
        }
        return callers.required().chain(caller -> service.order(caller, sessionId, productId, displayOrder.value()))
                .map(linked -> ApiResponse.ok("Display order updated successfully",
                        SessionViews.sessionProduct(linked.link(), linked.product())));
    }

    @DELETE
    @Path("/{pid}")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<Void>> remove(@PathParam("sid") String sid, @PathParam("pid") String pid) {
        UUID sessionId = PathIds.uuid("sessionId", sid);
        UUID productId = PathIds.uuid("productId", pid);
        return callers.required().chain(caller -> service.remove(caller, sessionId, productId))
                .map(ignored -> ApiResponse.done("Product removed from session successfully"));
    }
}
