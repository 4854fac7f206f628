package com.streambazaar.realtime.rest;

import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import com.streambazaar.realtime.service.ChatAuthor;
import com.streambazaar.realtime.service.ChatMessageView;
import com.streambazaar.realtime.service.ChatService;
import com.streambazaar.realtime.service.SocketIdentity;
import com.streambazaar.realtime.service.ViewerIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Chat history of a session's room (API.md "realtime-service"). */
@Path("/api/sessions/{sessionId}/chat")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chat", description = "A session's chat history and messages")
public class ChatResource {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final ChatService chat;
    private final Callers callers;

    public ChatResource(ChatService chat, Callers callers) {
        this.chat = chat;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "listChatMessages", summary = "Chat messages, oldest first",
            description = "limit 1–100 (default 50); before = an ISO-8601 instant or a message id (ids sort by time): "
                    + "the page of messages just before it. Deleted messages are not listed.")
    public Uni<ApiResponse<List<ChatMessageView>>> history(@PathParam("sessionId") String sessionId,
                                                           @Parameter(description = "1 to 100, default 50")
                                                           @QueryParam("limit") String limit,
                                                           @Parameter(description = "An ISO-8601 instant or a message id")
                                                           @QueryParam("before") String before) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        int size = PageRequest.first(limit, ChatService.HISTORY_DEFAULT, ChatService.HISTORY_MAX).limit();
        UUID beforeId = null;
        Instant beforeTime = null;
        if (before != null && !before.isBlank()) {
            String cursor = before.trim();
            if (UUID_TEXT.matcher(cursor).matches()) {
                beforeId = UUID.fromString(cursor);
            } else {
                beforeTime = instant(cursor);
            }
        }
        return chat.history(id, size, beforeId, beforeTime)
                .map(messages -> ApiResponse.list("Chat messages retrieved", messages));
    }

    @GET
    @Path("/count")
    @Operation(operationId = "countChatMessages", summary = "How many (visible) chat messages a session has")
    public Uni<ApiResponse<Map<String, Long>>> count(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return chat.count(id).map(count -> ApiResponse.ok("Chat message count retrieved", Map.of("count", count)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendChatMessage", summary = "Send a chat message (signed in)",
            description = "Trimmed, control characters stripped, 1–500 characters; stored, then broadcast to the room "
                    + "as new-message on every replica. Refused with 403 when timed out, banned, and 429 when rate "
                    + "limited or in slow mode.")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @RequestBody(required = true)
    @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")
    @APIResponse(responseCode = "200", description = "Stored and broadcast (201)")
    @APIResponse(responseCode = "403", description = "Timed out, banned, or a guest where guest chat is off")
    @APIResponse(responseCode = "429", description = "Rate limited, or slow mode: wait retryAfter seconds")
    public Uni<RestResponse<ApiResponse<ChatMessageView>>> send(@PathParam("sessionId") String sessionId,
                                                                ChatRequests.SendMessage body) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        if (body == null || body.message() == null) {
            throw ApiException.badRequest("message", "message is required");
        }
        return callers.required()
                .chain(caller -> chat.post(new ChatAuthor(new SocketIdentity(caller, null),
                        ViewerIds.of(caller.userId(), null, null)), id, body.message()))
                .map(message -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok("Message sent", message)));
    }

    @DELETE
    @Path("/{messageId}")
    @Operation(operationId = "deleteChatMessage", summary = "Delete a chat message (the session's creator or an admin)",
            description = "The room receives message-deleted {sessionId, id} on every replica.")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "200", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<ApiResponse<Void>> delete(@PathParam("sessionId") String sessionId,
                                         @PathParam("messageId") String messageId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        UUID message = PathIds.uuid("messageId", messageId);
        return callers.required().chain(caller -> chat.delete(caller, id, message))
                .map(done -> ApiResponse.done("Message deleted"));
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw ApiException.badRequest("before", "before must be an ISO-8601 instant or a message id");
            }
        }
    }
}
