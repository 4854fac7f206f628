package com.streambazaar.analytics.rest;

import com.streambazaar.analytics.service.CreatorFigures;
import com.streambazaar.analytics.service.Figures.CreatorAnalytics;
import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Figures over all of a creator's sessions: that creator's own, or an admin's. */
@Path("/api/analytics/creator/{creatorId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics", description = "Viewer, engagement and commerce figures of sessions and creators")
public class CreatorAnalyticsResource {

    private final Callers callers;
    private final CreatorFigures figures;

    public CreatorAnalyticsResource(Callers callers, CreatorFigures figures) {
        this.callers = callers;
        this.figures = figures;
    }

    @GET
    @Operation(operationId = "getCreatorAnalytics",
            summary = "Figures over all of a creator's sessions (that creator or an admin)")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "200", description = "Sessions by status, viewers, reactions and product clicks")
    @APIResponse(responseCode = "403", description = "Only that creator or an admin")
    public Uni<CreatorAnalytics> creator(@Parameter(description = "The creator's user id")
                                         @PathParam("creatorId") String creatorId) {
        long id = PathIds.userId("creatorId", creatorId);
        return callers.required().chain(caller -> figures.of(caller, id));
    }
}
