package com.streambazaar.analytics.rest;

import com.streambazaar.analytics.service.CreatorFigures;
import com.streambazaar.analytics.service.Figures.CreatorAnalytics;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Figures over all of a creator's sessions: that creator's own, or an admin's. */
@Path("/api/analytics/creator/{creatorId}")
@Produces(MediaType.APPLICATION_JSON)
public class CreatorAnalyticsResource {

    private final Callers callers;
    private final CreatorFigures figures;

    public CreatorAnalyticsResource(Callers callers, CreatorFigures figures) {
        this.callers = callers;
        this.figures = figures;
    }

    @GET
    public Uni<CreatorAnalytics> creator(@PathParam("creatorId") String creatorId) {
        long id = PathIds.userId("creatorId", creatorId);
        return callers.required().chain(caller -> figures.of(caller, id));
    }
}
