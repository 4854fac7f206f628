package com.streambazaar.realtime.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.realtime.repository.ChatMessageRepository;
import com.streambazaar.realtime.repository.SessionRoomRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

@Path("/api/sessions/{sessionId}/chat")
@Produces(MediaType.APPLICATION_JSON)
public class ChatCountResource {

    private final SessionRoomRepository rooms;
    private final ChatMessageRepository messages;

    public ChatCountResource(SessionRoomRepository rooms, ChatMessageRepository messages) {
        this.rooms = rooms;
        this.messages = messages;
    }

    /** How many chat messages a session has; 404 for a session this service has never heard of. */
    @GET
    @Path("/count")
    @WithSession
    public Uni<ApiResponse<Map<String, Long>>> count(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return rooms.findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Session not found"))
                .chain(room -> messages.countBySession(id))
                .map(count -> ApiResponse.ok("Chat message count retrieved", Map.of("count", count)));
    }
}
