package com.streambazaar.common.backbone;

import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

@Path("/test/notes")
public class NoteResource {

    public static final String TOPIC = "bazaar.backbone-notes.v1";

    private final Outbox outbox;

    public NoteResource(Outbox outbox) {
        this.outbox = outbox;
    }

    public record NewNote(String text) {
    }

    /** A route that needs a token: its 401 must be readable by browser apps on other origins. */
    @GET
    @Path("/mine")
    @Authenticated
    public String mine() {
        return "{}";
    }

    @POST
    @WithTransaction
    public Uni<Response> create(NewNote body) {
        if (body == null || body.text() == null || body.text().isBlank()) {
            throw ApiException.badRequest("text", "text is required");
        }
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.text = body.text();
        return note.persist()
                .chain(() -> outbox.publish(TOPIC, "note.created", note.id.toString(), Map.of("id", note.id, "text", note.text)))
                // a note asking to fail proves that a rolled-back change publishes nothing
                .invoke(() -> {
                    if (body.text().startsWith("fail")) {
                        throw new IllegalStateException("failing on purpose after the outbox write");
                    }
                })
                .map(envelope -> Response.status(201).entity(ApiResponse.ok("created", Map.of("id", note.id))).build());
    }
}
