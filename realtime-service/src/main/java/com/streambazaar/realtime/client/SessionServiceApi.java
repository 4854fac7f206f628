package com.streambazaar.realtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** session-service's routes realtime-service calls (base URL: {@code bazaar.realtime.session-service-url}). */
@RegisterRestClient(configKey = "session-service")
@Path("/api/sessions")
public interface SessionServiceApi {

    /** {@code POST /api/sessions/{id}/showcase {productId}}: owner only, with the creator's own token. */
    @POST
    @Path("/{id}/showcase")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> showcase(@PathParam("id") UUID sessionId, @HeaderParam("Authorization") String authorization,
                           ShowcaseRequest body);

    /** The body session-service reads; {@code productId} null clears the showcase. */
    record ShowcaseRequest(UUID productId) {
    }
}
