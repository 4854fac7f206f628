package com.streambazaar.realtime.rest;

import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import com.streambazaar.realtime.repository.ChatRestrictionRow;
import com.streambazaar.realtime.repository.ChatSettingsRow;
import com.streambazaar.realtime.service.ModerationService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Moderation of a session's chat: its creator and admins. Effective on every replica at once (the chat check reads it
 * from the database); each change is also published on bazaar.chat.v1 and told to the room.
 */
@Path("/api/sessions/{sessionId}/chat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat moderation", description = "Slow mode, guest chat, time-outs and bans (creator or admin)")
public class ChatModerationResource {

    private final ModerationService moderation;
    private final Callers callers;

    public ChatModerationResource(ModerationService moderation, Callers callers) {
        this.moderation = moderation;
        this.callers = callers;
    }

    /** A restriction as moderators read it. */
    @Schema(name = "ChatRestriction")
    public record RestrictionJson(UUID id, UUID sessionId, long userId, String kind, Instant until, String reason,
                                  long createdBy, Instant createdAt) {
        static RestrictionJson of(ChatRestrictionRow row) {
            return new RestrictionJson(row.id(), row.sessionId(), row.userId(), row.kind(), row.until(), row.reason(),
                    row.createdBy(), row.createdAt());
        }
    }

    /** Chat settings: slow mode (seconds between two messages of one author, 0 = off) and guest chat. */
    @Schema(name = "ChatSettings")
    public record SettingsJson(UUID sessionId, int slowModeSeconds, boolean guestChat) {
        static SettingsJson of(ChatSettingsRow row) {
            return new SettingsJson(row.sessionId(), row.slowModeSeconds(), row.guestChat());
        }
    }

    @GET
    @Path("/settings")
    @Operation(operationId = "getChatSettings",
            summary = "The session's chat settings (public: clients show slow mode and whether guests may chat)")
    public Uni<ApiResponse<SettingsJson>> settings(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return moderation.settings(id).map(row -> ApiResponse.ok("Chat settings retrieved", SettingsJson.of(row)));
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateChatSettings",
            summary = "Change slow mode and/or guest chat (creator or admin); absent fields are kept",
            description = "The room receives chat-settings {sessionId, slowModeSeconds, guestChat}.")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The settings now")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<ApiResponse<SettingsJson>> updateSettings(@PathParam("sessionId") String sessionId,
                                                         ChatRequests.UpdateSettings body) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        if (body == null) {
            throw ApiException.badRequest(null, "A JSON body {slowModeSeconds?, guestChat?} is required");
        }
        return callers.required()
                .chain(caller -> moderation.updateSettings(caller, id, body.slowModeSeconds(), body.guestChat()))
                .map(row -> ApiResponse.ok("Chat settings updated", SettingsJson.of(row)));
    }

    @PATCH
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "patchChatSettings", summary = "Same as PUT /settings")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @RequestBody(required = true)
    @APIResponse(responseCode = "200", description = "The settings now")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<ApiResponse<SettingsJson>> patchSettings(@PathParam("sessionId") String sessionId,
                                                        ChatRequests.UpdateSettings body) {
        return updateSettings(sessionId, body);
    }

    @POST
    @Path("/timeouts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "timeOutChatUser",
            summary = "Time a user out of the chat for durationSeconds (1 s – 7 days; creator or admin)")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @RequestBody(required = true)
    @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")
    @APIResponse(responseCode = "200", description = "The time-out (201)")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<RestResponse<ApiResponse<RestrictionJson>>> timeout(@PathParam("sessionId") String sessionId,
                                                                   ChatRequests.Timeout body) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        if (body == null || body.userId() == null) {
            throw ApiException.badRequest("userId", "userId is required");
        }
        if (body.durationSeconds() == null) {
            throw ApiException.badRequest("durationSeconds", "durationSeconds is required");
        }
        return callers.required()
                .chain(caller -> moderation.restrict(caller, id, body.userId(), body.durationSeconds(), body.reason()))
                .map(row -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok("User timed out", RestrictionJson.of(row))));
    }

    @POST
    @Path("/bans")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "banChatUser", summary = "Ban a user from the chat until lifted (creator or admin)")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @RequestBody(required = true)
    @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")
    @APIResponse(responseCode = "200", description = "The ban (201)")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<RestResponse<ApiResponse<RestrictionJson>>> ban(@PathParam("sessionId") String sessionId,
                                                               ChatRequests.Ban body) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        if (body == null || body.userId() == null) {
            throw ApiException.badRequest("userId", "userId is required");
        }
        return callers.required()
                .chain(caller -> moderation.restrict(caller, id, body.userId(), null, body.reason()))
                .map(row -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok("User banned", RestrictionJson.of(row))));
    }

    @DELETE
    @Path("/restrictions/{userId}")
    @Operation(operationId = "liftChatRestriction", summary = "Lift a user's time-out or ban (creator or admin)")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "200", description = "Lifted")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<ApiResponse<Void>> lift(@PathParam("sessionId") String sessionId, @PathParam("userId") String userId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        long user = PathIds.userId("userId", userId);
        return callers.required().chain(caller -> moderation.lift(caller, id, user))
                .map(done -> ApiResponse.done("Restriction lifted"));
    }

    @GET
    @Path("/restrictions")
    @Operation(operationId = "listChatRestrictions", summary = "Time-outs and bans in force (creator or admin)")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "200", description = "The restrictions in force")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<ApiResponse<List<RestrictionJson>>> restrictions(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return callers.required().chain(caller -> moderation.active(caller, id))
                .map(rows -> ApiResponse.list("Restrictions retrieved", rows.stream().map(RestrictionJson::of).toList()));
    }
}
