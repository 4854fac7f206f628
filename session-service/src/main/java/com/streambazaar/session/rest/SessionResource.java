package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import com.streambazaar.common.security.Roles;
import com.streambazaar.session.service.AgoraRole;
import com.streambazaar.common.rest.Patch;
import com.streambazaar.session.service.SessionAccess;
import com.streambazaar.session.service.SessionInput;
import com.streambazaar.session.service.SessionLifecycle;
import com.streambazaar.session.service.SessionProductService;
import com.streambazaar.session.service.SessionService;
import com.streambazaar.session.service.StreamService;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Optional;

/** Sessions: CRUD, lifecycle and Agora tokens ({@code /api/sessions}). */
@Path("/api/sessions")
public class SessionResource {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 5000;
    static final int CATEGORY_MAX = 100;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 50;
    static final int URL_MAX = 2048;
    static final int STREAM_KEY_MAX = 255;
    static final int PRODUCTS_MAX = 100;

    private final Callers callers;
    private final SessionService service;
    private final StreamService streams;
    private final SessionAccess access;
    private final SessionViews views;
    private final SessionProductService products;

    public SessionResource(Callers callers, SessionService service, StreamService streams, SessionAccess access,
                           SessionViews views, SessionProductService products) {
        this.products = products;
        this.callers = callers;
        this.service = service;
        this.streams = streams;
        this.access = access;
        this.views = views;
    }

    @GET
    @Authenticated
    @WithSession
    public Uni<ApiResponse<List<SessionJson>>> listOwn(@QueryParam("status") String status,
                                                      @QueryParam("limit") String limit,
                                                      @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset, 50);
        String wanted = status == null || status.isBlank() ? null : status.trim();
        return callers.required().chain(caller -> service.listOwn(caller, wanted, paging.limit(), paging.offset())
                .chain(list -> views.sessions(list, Optional.of(caller))))
                .map(list -> ApiResponse.list("Sessions retrieved successfully", list));
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<ApiResponse<SessionDetailJson>> get(@PathParam("id") String id) {
        var sessionId = PathIds.uuid("id", id);
        return callers.optional().chain(caller -> access.find(sessionId)
                        .chain(session -> views.detail(session, caller)))
                .map(detail -> ApiResponse.ok("Session retrieved successfully", detail));
    }

    @POST
    @RolesAllowed({Roles.CREATOR, Roles.ADMIN})
    @WithSession
    public Uni<RestResponse<ApiResponse<SessionJson>>> create(JsonNode body) {
        SessionInput input = input(body, true);
        return callers.required().chain(caller -> service.create(caller, input)
                        .chain(session -> views.session(session, Optional.of(caller))))
                .map(json -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok("Session created successfully", json)));
    }

    @PUT
    @Path("/{id}")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<SessionJson>> update(@PathParam("id") String id, JsonNode body) {
        var sessionId = PathIds.uuid("id", id);
        SessionInput input = input(body, false);
        return callers.required().chain(caller -> service.update(caller, sessionId, input)
                        .chain(session -> views.session(session, Optional.of(caller))))
                .map(json -> ApiResponse.ok("Session updated successfully", json));
    }

    @PATCH
    @Path("/{id}/status")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<SessionJson>> changeStatus(@PathParam("id") String id, JsonNode body) {
        var sessionId = PathIds.uuid("id", id);
        Patch<String> status = JsonFields.of(body).text("status", 16);
        if (!status.present() || status.value() == null) {
            throw ApiException.badRequest("status", "status is required (scheduled, live, paused or ended)");
        }
        String target = status(status.value());
        return callers.required().chain(caller -> service.changeStatus(caller, sessionId, target)
                        .chain(session -> views.session(session, Optional.of(caller))))
                .map(json -> ApiResponse.ok("Session status updated to " + target, json));
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<Void>> delete(@PathParam("id") String id) {
        var sessionId = PathIds.uuid("id", id);
        return callers.required().chain(caller -> service.delete(caller, sessionId))
                .map(ignored -> ApiResponse.done("Session deleted successfully"));
    }

    @POST
    @Path("/{id}/start-stream")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<StreamTokenJson>> startStream(@PathParam("id") String id) {
        var sessionId = PathIds.uuid("id", id);
        return callers.required().chain(caller -> streams.start(caller, sessionId))
                .map(token -> ApiResponse.ok("Stream started successfully", token));
    }

    @POST
    @Path("/{id}/end-stream")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<Void>> endStream(@PathParam("id") String id) {
        var sessionId = PathIds.uuid("id", id);
        return callers.required().chain(caller -> streams.end(caller, sessionId))
                .map(ignored -> ApiResponse.done("Stream ended successfully"));
    }

    @GET
    @Path("/{id}/stream-token")
    public Uni<ApiResponse<StreamTokenJson>> streamToken(@PathParam("id") String id) {
        var sessionId = PathIds.uuid("id", id);
        return callers.optional().chain(caller -> streams.subscriberToken(caller, sessionId))
                .map(token -> ApiResponse.ok("Stream token generated successfully", token));
    }

    /** {@code {role}}: "publisher" (the session's creator only) or "subscriber" (the default when absent). */
    @POST
    @Path("/{id}/refresh-token")
    public Uni<ApiResponse<StreamTokenJson>> refreshToken(@PathParam("id") String id, JsonNode body) {
        var sessionId = PathIds.uuid("id", id);
        Patch<String> roleField = JsonFields.orEmpty(body).text("role", 32);
        AgoraRole role;
        try {
            role = roleField.value() == null ? AgoraRole.SUBSCRIBER : AgoraRole.parse(roleField.value());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", "role must be \"publisher\" or \"subscriber\"");
        }
        return callers.optional().chain(caller -> streams.refresh(caller, sessionId, role))
                .map(token -> ApiResponse.ok("Token refreshed successfully", token));
    }

    /** {@code {productId}} shows that product of the session; {@code {productId: null}} or {@code {}} clears. */
    @POST
    @Path("/{id}/showcase")
    @Authenticated
    @WithSession
    public Uni<ApiResponse<ShowcaseJson>> showcase(@PathParam("id") String id, JsonNode body) {
        var sessionId = PathIds.uuid("id", id);
        Patch<java.util.UUID> productId = JsonFields.orEmpty(body).uuid("productId");
        return callers.required().chain(caller -> products.showcase(caller, sessionId, productId.value()))
                .map(showcase -> ApiResponse.ok(showcase.product() == null ? "Showcase cleared" : "Product showcased",
                        new ShowcaseJson(showcase.session().id, showcase.session().activeProductId,
                                ProductJson.of(showcase.product()))));
    }

    static String status(String value) {
        if (!SessionLifecycle.STATUSES.contains(value)) {
            throw ApiException.badRequest("status", "status must be one of scheduled, live, paused, ended");
        }
        return value;
    }

    private static SessionInput input(JsonNode body, boolean creating) {
        JsonFields fields = JsonFields.of(body);
        Patch<String> title = fields.requiredText("title", TITLE_MAX);
        if (creating && !title.present()) {
            throw ApiException.badRequest("title", "title is required");
        }
        Patch<String> streamUrl = fields.text("streamUrl", URL_MAX);
        if (streamUrl.value() != null && !streamUrl.value().matches("(?i)(https?|rtmps?|srt)://\\S+")) {
            throw ApiException.badRequest("streamUrl", "streamUrl must be an http(s), rtmp(s) or srt URL");
        }
        Patch<String> status = Patch.absent();
        if (!creating && fields.has("status")) {
            // the status follows the state machine; see SessionService.update
            Patch<String> value = fields.requiredText("status", 16);
            status = Patch.of(status(value.value()));
        }
        return new SessionInput(title,
                fields.text("description", DESCRIPTION_MAX),
                fields.text("category", CATEGORY_MAX),
                fields.textList("tags", TAGS_MAX, TAG_MAX),
                streamUrl,
                fields.text("streamKey", STREAM_KEY_MAX),
                fields.instant("scheduledAt"),
                fields.uuidList("productIds", PRODUCTS_MAX),
                status);
    }
}
