package com.streambazaar.analytics.rest;

import com.streambazaar.analytics.repository.AnalyticsSessionRepository;
import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PathIds;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

@Path("/api/sessions/{sessionId}/reactions")
@Produces(MediaType.APPLICATION_JSON)
public class ReactionSummaryResource {

    private final AnalyticsSessionRepository sessions;
    private final ReactionTallyRepository tallies;

    public ReactionSummaryResource(AnalyticsSessionRepository sessions, ReactionTallyRepository tallies) {
        this.sessions = sessions;
        this.tallies = tallies;
    }

    /** Public: reaction counts of a session, by type and sorted. */
    @GET
    @WithSession
    public Uni<ApiResponse<ReactionSummary>> reactions(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return sessions.findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Session not found"))
                .chain(session -> tallies.countsBySession(id).map(counts -> {
                    List<ReactionSummary.TypeCount> sorted = counts.entrySet().stream()
                            .map(e -> new ReactionSummary.TypeCount(e.getKey(), e.getValue())).toList();
                    long total = counts.values().stream().mapToLong(Long::longValue).sum();
                    return ApiResponse.ok("Reactions retrieved", new ReactionSummary(id, session.status,
                            "live".equals(session.status), counts, sorted, total));
                }));
    }
}
