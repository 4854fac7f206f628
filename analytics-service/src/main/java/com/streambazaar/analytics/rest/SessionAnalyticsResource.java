package com.streambazaar.analytics.rest;

import com.streambazaar.analytics.service.AnalyticsExport;
import com.streambazaar.analytics.service.Figures.ConversionStats;
import com.streambazaar.analytics.service.Figures.LiveViewers;
import com.streambazaar.analytics.service.Figures.ReactionSummary;
import com.streambazaar.analytics.service.Figures.SessionDashboard;
import com.streambazaar.analytics.service.Figures.ViewerHistory;
import com.streambazaar.analytics.service.PublicFigures;
import com.streambazaar.analytics.service.SessionDashboards;
import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A session's figures: the creator's (dashboard, live viewers, viewer history, CSV export; creator or admin) and
 * everyone's (reactions, conversion stats; live while the session is live).
 */
@Path("/api/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics", description = "Viewer, engagement and commerce figures of sessions and creators")
public class SessionAnalyticsResource {

    static final int VIEWERS_DEFAULT_LIMIT = 50;
    static final int VIEWERS_MAX_LIMIT = 500;
    static final int LIVE_DEFAULT_LIMIT = 100;
    static final int LIVE_MAX_LIMIT = 1000;

    private final Callers callers;
    private final SessionDashboards dashboards;
    private final PublicFigures publicFigures;
    private final AnalyticsExport export;

    public SessionAnalyticsResource(Callers callers, SessionDashboards dashboards, PublicFigures publicFigures,
                                    AnalyticsExport export) {
        this.callers = callers;
        this.dashboards = dashboards;
        this.publicFigures = publicFigures;
        this.export = export;
    }

    /** Viewers, watch time, peak, retention, timelines, products and reactions of one session. */
    @GET
    @Path("/analytics")
    @Operation(operationId = "getSessionAnalytics", summary = "A session's dashboard (creator or admin)",
            description = "Viewers, watch time, peak, retention, timelines, products and reactions.")
    @APIResponse(responseCode = "200", description = "The dashboard")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<SessionDashboard> dashboard(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return callers.required().chain(caller -> dashboards.dashboard(caller, id));
    }

    /** Who is watching now (open views, newest first). */
    @GET
    @Path("/analytics/live")
    @Operation(operationId = "getLiveViewers", summary = "Who is watching now, newest first (creator or admin)")
    @APIResponse(responseCode = "200", description = "Open views, a page of them")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<LiveViewers> live(@PathParam("sessionId") String sessionId,
                                 @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit,
                                 @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offset) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        PageRequest page = PageRequest.of(limit, offset, LIVE_DEFAULT_LIMIT, LIVE_MAX_LIMIT);
        return callers.required().chain(caller -> dashboards.live(caller, id, page));
    }

    /** Every view of the session, newest first. */
    @GET
    @Path("/analytics/viewers")
    @Operation(operationId = "getViewerHistory", summary = "Every view of the session, newest first (creator or admin)")
    @APIResponse(responseCode = "200", description = "Views, a page of them")
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public Uni<ViewerHistory> viewers(@PathParam("sessionId") String sessionId,
                                      @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
                                      @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offset) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        PageRequest page = PageRequest.of(limit, offset, VIEWERS_DEFAULT_LIMIT, VIEWERS_MAX_LIMIT);
        return callers.required().chain(caller -> dashboards.history(caller, id, page));
    }

    /** Views and the per-minute timeline as CSV ({@code include=views|timeline} for one of them). */
    @GET
    @Path("/analytics/export")
    @Produces("text/csv")
    @Operation(operationId = "exportSessionAnalytics",
            summary = "Views and the per-minute timeline as CSV (creator or admin)")
    @APIResponse(responseCode = "200", description = "A CSV file",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"<file>.csv\"",
                    schema = @Schema(type = SchemaType.STRING)))
    @SecurityRequirement(name = ApiDocumentFilter.BEARER)
    @APIResponse(responseCode = "403", description = "Only the session's creator or an admin")
    public RestMulti<String> export(@PathParam("sessionId") String sessionId,
                                    @Parameter(description = "csv (the only format, and the default)")
                                    @QueryParam("format") String format,
                                    @Parameter(description = "views, timeline or all (the default)")
                                    @QueryParam("include") String include) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        AnalyticsExport.requireCsv(format);
        AnalyticsExport.Part part = AnalyticsExport.Part.parse(include);
        return RestMulti.fromUniResponse(callers.required().chain(caller -> export.export(caller, id, part)),
                AnalyticsExport.Export::lines,
                file -> Map.of("Content-Disposition", List.of("attachment; filename=\"" + file.fileName() + "\""),
                        "Content-Type", List.of("text/csv; charset=utf-8")));
    }

    /** Public: reaction counts by type, sorted, with whole-percent shares. */
    @GET
    @Path("/reactions")
    @Operation(operationId = "getSessionReactions",
            summary = "Reaction counts by type with whole-percent shares (public)")
    @APIResponse(responseCode = "200", description = "The reaction summary")
    public Uni<ApiResponse<ReactionSummary>> reactions(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return publicFigures.reactions(id).map(summary -> ApiResponse.ok("Reactions retrieved", summary));
    }

    /** Public: clicks, unique clickers and click-through rate per product. */
    @GET
    @Path("/conversion-stats")
    @Operation(operationId = "getConversionStats",
            summary = "Clicks, unique clickers and click-through rate per product (public)")
    @APIResponse(responseCode = "200", description = "The conversion figures")
    public Uni<ConversionStats> conversionStats(@PathParam("sessionId") String sessionId) {
        UUID id = PathIds.uuid("sessionId", sessionId);
        return publicFigures.conversion(id);
    }
}
