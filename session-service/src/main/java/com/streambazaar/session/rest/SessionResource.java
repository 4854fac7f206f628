package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.rest.QueryParams;
import com.streambazaar.common.security.Callers;
import com.streambazaar.common.security.Roles;
import com.streambazaar.session.agora.AgoraRole;
import com.streambazaar.session.rest.SessionRequests.RoleBody;
import com.streambazaar.session.rest.SessionRequests.SessionBody;
import com.streambazaar.session.rest.SessionRequests.ShowcaseBody;
import com.streambazaar.session.rest.SessionRequests.StatusBody;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.service.SessionProductService;
import com.streambazaar.session.service.SessionService;
import com.streambazaar.session.service.StreamService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions: CRUD, lifecycle and Agora tokens ({@code /api/sessions}). */
@Path("/api/sessions")
@Tag(name = "Sessions", description = "Live shopping sessions: CRUD, lifecycle and Agora tokens")
public class SessionResource {

    /** The owner's list shows more at once than a search page. */
    static final int OWN_DEFAULT_LIMIT = 50;

    private final Callers callers;
    private final SessionService service;
    private final StreamService streams;
    private final SessionProductService products;

    public SessionResource(Callers callers, SessionService service, StreamService streams,
                           SessionProductService products) {
        this.callers = callers;
        this.service = service;
        this.streams = streams;
        this.products = products;
    }

    @GET
    @Authenticated
    @Operation(operationId = "listOwnSessions", summary = "The caller's own sessions, newest first")
    public Uni<ApiResponse<List<SessionJson>>> listOwn(@Parameter(description = STATUS) @QueryParam("status") String status,
                                                      @Parameter(description = "1 to 100, default 50")
                                                      @QueryParam("limit") String limit,
                                                      @Parameter(description = "0 or more, default 0")
                                                      @QueryParam("offset") String offset) {
        PageRequest page = PageRequest.of(limit, offset, OWN_DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
        SessionStatus wanted = statusFilter(status);
        return callers.required().chain(caller -> service.listOwn(caller, wanted, page)
                .map(cards -> ApiResponse.list("Sessions retrieved successfully",
                        SessionJson.of(cards, Optional.of(caller)))));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSession", summary = "One session with its showcased product and its products",
            description = "Public; streamKey only for the owner's token.")
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocumentFilter.BEARER))
    public Uni<ApiResponse<SessionDetailJson>> get(@PathParam("id") String id) {
        UUID sessionId = PathIds.uuid("id", id);
        return callers.optional().chain(caller -> service.find(sessionId)
                .map(details -> ApiResponse.ok("Session retrieved successfully", SessionDetailJson.of(details, caller))));
    }

    @POST
    @RolesAllowed({Roles.CREATOR, Roles.ADMIN})
    @Operation(operationId = "createSession", summary = "Create a session (creator or admin), scheduled",
            description = "With productIds, atomically: unknown or foreign products are a 400 and nothing is created.")
    @RequestBody(required = true)
    @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")
    @APIResponse(responseCode = "200", description = "Created (201)")
    @APIResponse(responseCode = "503", description = "Products cannot be checked right now (catalog unreachable)")
    public Uni<RestResponse<ApiResponse<SessionJson>>> create(SessionBody body) {
        var input = Fields.body(body).toInput(true);
        return callers.required().chain(caller -> service.create(caller, input)
                .map(snapshot -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok("Session created successfully", SessionJson.of(snapshot.card(), Optional.of(caller))))));
    }

    @PUT
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "updateSession", summary = "Change the fields sent (owner); null clears an optional field",
            description = "status follows the lifecycle, like PATCH /status.")
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The changed session")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status (currentStatus says which)")
    @APIResponse(responseCode = "503", description = "Products cannot be checked right now (catalog unreachable)")
    public Uni<ApiResponse<SessionJson>> update(@PathParam("id") String id, SessionBody body) {
        UUID sessionId = PathIds.uuid("id", id);
        var input = Fields.body(body).toInput(false);
        return callers.required().chain(caller -> service.update(caller, sessionId, input)
                .map(snapshot -> ApiResponse.ok("Session updated successfully",
                        SessionJson.of(snapshot.card(), Optional.of(caller)))));
    }

    @PATCH
    @Path("/{id}/status")
    @Authenticated
    @Operation(operationId = "changeSessionStatus", summary = "Move the session along its lifecycle (owner)",
            description = "scheduled → live ⇄ paused → ended; ended is final. Same effects as the stream routes.")
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The session in its new status")
    @APIResponse(responseCode = "409", description = "Not allowed from the current status (currentStatus says which)")
    public Uni<ApiResponse<SessionJson>> changeStatus(@PathParam("id") String id, StatusBody body) {
        UUID sessionId = PathIds.uuid("id", id);
        String requested = Fields.body(body).status();
        if (requested == null) {
            throw ApiException.badRequest("status", "status is required (" + SessionStatus.names() + ")");
        }
        SessionStatus target = SessionRequests.status(requested);
        return callers.required().chain(caller -> service.changeStatus(caller, sessionId, target)
                .map(snapshot -> ApiResponse.ok("Session status updated to " + target.wire(),
                        SessionJson.of(snapshot.card(), Optional.of(caller)))));
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "deleteSession", summary = "Delete a session (owner)")
    @APIResponse(responseCode = "200", description = "Deleted")
    public Uni<ApiResponse<Void>> delete(@PathParam("id") String id) {
        UUID sessionId = PathIds.uuid("id", id);
        return callers.required().chain(caller -> service.delete(caller, sessionId))
                .map(ignored -> ApiResponse.done("Session deleted successfully"));
    }

    @POST
    @Path("/{id}/start-stream")
    @Authenticated
    @Operation(operationId = "startStream", summary = "Go live (owner): the session turns live, with a publisher token")
    @APIResponse(responseCode = "200", description = "Live; an Agora publisher token")
    @APIResponse(responseCode = "409", description = "Already live, or ended (currentStatus says which)")
    public Uni<ApiResponse<StreamTokenJson>> startStream(@PathParam("id") String id) {
        UUID sessionId = PathIds.uuid("id", id);
        return callers.required().chain(caller -> streams.start(caller, sessionId))
                .map(token -> ApiResponse.ok("Stream started successfully", StreamTokenJson.of(token)));
    }

    @POST
    @Path("/{id}/end-stream")
    @Authenticated
    @Operation(operationId = "endStream", summary = "End the show (owner); ended is final")
    @APIResponse(responseCode = "200", description = "Ended")
    @APIResponse(responseCode = "409", description = "Not live or paused (currentStatus says which)")
    public Uni<ApiResponse<Void>> endStream(@PathParam("id") String id) {
        UUID sessionId = PathIds.uuid("id", id);
        return callers.required().chain(caller -> streams.end(caller, sessionId))
                .map(ignored -> ApiResponse.done("Stream ended successfully"));
    }

    @GET
    @Path("/{id}/stream-token")
    @Operation(operationId = "getStreamToken", summary = "An Agora subscriber token to watch (uid = user id, or 0 for guests)")
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocumentFilter.BEARER))
    @APIResponse(responseCode = "200", description = "A subscriber token")
    @APIResponse(responseCode = "400", description = "The session is not live or paused (error stream_not_active, currentStatus)")
    public Uni<ApiResponse<StreamTokenJson>> streamToken(@PathParam("id") String id) {
        UUID sessionId = PathIds.uuid("id", id);
        return callers.optional().chain(caller -> streams.subscriberToken(caller, sessionId))
                .map(token -> ApiResponse.ok("Stream token generated successfully", StreamTokenJson.of(token)));
    }

    /** {@code {role}}: "publisher" (the session's creator only) or "subscriber" (the default, also with no body). */
    @POST
    @Path("/{id}/refresh-token")
    @Operation(operationId = "refreshStreamToken", summary = "A fresh Agora token: subscriber (default) or publisher (owner)")
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocumentFilter.BEARER))
    @RequestBody(required = false)
    @APIResponse(responseCode = "200", description = "A fresh token")
    @APIResponse(responseCode = "400", description = "Invalid role, or the session is not live or paused (currentStatus)")
    public Uni<ApiResponse<StreamTokenJson>> refreshToken(@PathParam("id") String id, RoleBody body) {
        UUID sessionId = PathIds.uuid("id", id);
        String requested = body == null ? null : Fields.text("role", body.role(), 32);
        AgoraRole role;
        try {
            role = requested == null ? AgoraRole.SUBSCRIBER : AgoraRole.parse(requested);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", "role must be \"publisher\" or \"subscriber\"");
        }
        return callers.optional().chain(caller -> streams.refresh(caller, sessionId, role))
                .map(token -> ApiResponse.ok("Token refreshed successfully", StreamTokenJson.of(token)));
    }

    /** {@code {productId}} shows that product of the session; {@code {productId: null}}, {@code {}} or no body clears. */
    @POST
    @Path("/{id}/showcase")
    @Authenticated
    @Operation(operationId = "showcaseProduct", summary = "Show one of the session's products to the room, or clear (owner)")
    @RequestBody(required = false, description = "{productId}; {productId: null}, {} or no body clears the showcase")
    @APIResponse(responseCode = "200", description = "What the session shows now")
    @APIResponse(responseCode = "409", description = "The session is not live (error session_not_live)")
    public Uni<ApiResponse<ShowcaseJson>> showcase(@PathParam("id") String id, ShowcaseBody body) {
        UUID sessionId = PathIds.uuid("id", id);
        UUID productId = body == null ? null : body.productId();
        return callers.required().chain(caller -> products.showcase(caller, sessionId, productId))
                .map(showcase -> ApiResponse.ok(showcase.product() == null ? "Showcase cleared" : "Product showcased",
                        ShowcaseJson.of(showcase)));
    }

    static final String STATUS = "scheduled, live, paused or ended";

    static SessionStatus statusFilter(String status) {
        String text = QueryParams.text("status", status, 16);
        return text == null ? null : SessionRequests.status(text);
    }
}
