package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Page;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.rest.QueryParams;
import com.streambazaar.common.rest.SearchText;
import com.streambazaar.session.service.SessionCard;
import com.streambazaar.session.service.SessionSearch;
import com.streambazaar.session.service.SessionSearch.Order;
import com.streambazaar.session.service.SessionSearch.Query;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.Locale;
import java.util.Optional;

/** Public discovery: session search, live, upcoming, trending, by creator, and global search ({@code /api/search}). */
@Path("/api/search")
@Tag(name = "Search", description = "Public discovery of sessions and products")
public class SearchResource {

    static final int QUERY_MAX = 200;
    /** The global search answers this many of each kind unless asked otherwise. */
    static final int EVERYTHING_DEFAULT_LIMIT = 10;

    private final SessionSearch search;

    public SearchResource(SessionSearch search) {
        this.search = search;
    }

    @GET
    @Path("/sessions")
    @Operation(operationId = "searchSessions", summary = "Search sessions (a bare page)")
    public Uni<Page<SessionJson>> sessions(@Parameter(description = "Text in title, description, category or tags")
                                           @QueryParam("q") String q,
                                           @Parameter(description = SessionResource.STATUS) @QueryParam("status") String status,
                                           @Parameter(description = "Category (case-insensitive)") @QueryParam("category") String category,
                                           @Parameter(description = "The creator's user id", schema = @Schema(type = SchemaType.INTEGER))
                                           @QueryParam("creatorId") String creatorId,
                                           @Parameter(description = "newest (default), oldest or title", schema = @Schema(type = SchemaType.STRING, enumeration = {"newest", "oldest", "title"}))
                                           @QueryParam("sortBy") String sortBy,
                                           @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit,
                                           @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offset) {
        PageRequest page = PageRequest.of(limit, offset);
        String categoryKey = QueryParams.text("category", category, SessionRequests.CATEGORY_MAX);
        Query query = new Query(pattern(q), SessionResource.statusFilter(status),
                categoryKey == null ? null : categoryKey.toLowerCase(Locale.ROOT),
                creatorId == null || creatorId.isBlank() ? null : PathIds.userId("creatorId", creatorId));
        return render(search.sessions(query, order(sortBy), page));
    }

    @GET
    @Path("/sessions/live")
    @Operation(operationId = "listLiveSessions", summary = "Live sessions, most recently started first (a bare page)")
    public Uni<Page<SessionJson>> live(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return render(search.live(PageRequest.of(limit, offset)));
    }

    @GET
    @Path("/sessions/upcoming")
    @Operation(operationId = "listUpcomingSessions", summary = "Scheduled sessions, soonest first (a bare page)")
    public Uni<Page<SessionJson>> upcoming(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return render(search.upcoming(PageRequest.of(limit, offset)));
    }

    @GET
    @Path("/sessions/trending")
    @Operation(operationId = "listTrendingSessions",
            summary = "Live sessions ranked by current viewers and engagement (a bare page)")
    public Uni<Page<SessionJson>> trending(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return render(search.trending(PageRequest.of(limit, offset)));
    }

    @GET
    @Path("/sessions/creator/{creatorId}")
    @Operation(operationId = "listCreatorSessions", summary = "One creator's sessions, newest first (a bare page)")
    public Uni<Page<SessionJson>> byCreator(@PathParam("creatorId") String creatorId,
                                            @QueryParam("status") String status,
                                            @QueryParam("limit") String limit,
                                            @QueryParam("offset") String offset) {
        long creator = PathIds.userId("creatorId", creatorId);
        Query query = new Query(null, SessionResource.statusFilter(status), null, creator);
        return render(search.sessions(query, Order.NEWEST, PageRequest.of(limit, offset)));
    }

    /** Sessions and products matching {@code q} (required); {@code limit} applies to each list (default 10). */
    @GET
    @Operation(operationId = "searchEverything", summary = "The first matching sessions and products, and how many match")
    public Uni<GlobalSearchJson> everything(@Parameter(required = true, description = "Text to find") @QueryParam("q") String q,
                                            @Parameter(description = "Per kind, 1 to 100, default 10")
                                            @QueryParam("limit") String limit) {
        String pattern = pattern(q);
        if (pattern == null) {
            throw ApiException.badRequest("q", "q is required");
        }
        PageRequest page = PageRequest.first(limit, EVERYTHING_DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
        return search.everything(pattern, page.limit()).map(found -> new GlobalSearchJson(
                SessionJson.of(found.sessions(), Optional.empty()),
                found.products().stream().map(ProductJson::of).toList(),
                new GlobalSearchJson.Counts(found.sessionTotal(), found.productTotal())));
    }

    private static Uni<Page<SessionJson>> render(Uni<Page<SessionCard>> page) {
        return page.map(found -> found.map(card -> SessionJson.of(card, Optional.empty())));
    }

    private static Order order(String sortBy) {
        String value = QueryParams.text("sortBy", sortBy, 16);
        if (value == null) {
            return Order.NEWEST;
        }
        return switch (value) {
            case "newest" -> Order.NEWEST;
            case "oldest" -> Order.OLDEST;
            case "title" -> Order.TITLE;
            default -> throw ApiException.badRequest("sortBy", "sortBy must be one of newest, oldest, title");
        };
    }

    /** "Contains q", case-insensitive; null when q is absent or blank. */
    private static String pattern(String q) {
        return SearchText.containsPattern(QueryParams.text("q", q, QUERY_MAX));
    }
}
