package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionSearchRepository.Filter;
import com.streambazaar.session.repository.SessionSearchRepository.Sort;
import com.streambazaar.session.repository.SessionSearchRepository;
import com.streambazaar.session.service.SessionLifecycle;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.Locale;
import java.util.Optional;

/** Public discovery: session search, live, upcoming, trending, by creator, and global search ({@code /api/search}). */
@Path("/api/search")
public class SearchResource {

    static final int QUERY_MAX = 200;

    private final SessionSearchRepository search;
    private final ProductCardRepository products;
    private final SessionViews views;

    public SearchResource(SessionSearchRepository search, ProductCardRepository products, SessionViews views) {
        this.search = search;
        this.products = products;
        this.views = views;
    }

    @GET
    @Path("/sessions")
    @WithSession
    public Uni<PageJson<SessionJson>> sessions(@QueryParam("q") String q, @QueryParam("status") String status,
                                               @QueryParam("category") String category,
                                               @QueryParam("creatorId") String creatorId,
                                               @QueryParam("sortBy") String sortBy,
                                               @QueryParam("limit") String limit,
                                               @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        String wantedStatus = blank(status) ? null : status.trim();
        if (wantedStatus != null && !SessionLifecycle.STATUSES.contains(wantedStatus)) {
            throw ApiException.badRequest("status", "status must be one of scheduled, live, paused, ended");
        }
        Filter filter = new Filter(likePattern(q, "q"), wantedStatus,
                blank(category) ? null : category.trim().toLowerCase(Locale.ROOT),
                blank(creatorId) ? null : PathIds.userId("creatorId", creatorId));
        return render(search.search(filter, sort(sortBy), paging.limit(), paging.offset()), paging);
    }

    @GET
    @Path("/sessions/live")
    @WithSession
    public Uni<PageJson<SessionJson>> live(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        return render(search.live(paging.limit(), paging.offset()), paging);
    }

    @GET
    @Path("/sessions/upcoming")
    @WithSession
    public Uni<PageJson<SessionJson>> upcoming(@QueryParam("limit") String limit,
                                               @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        return render(search.upcoming(paging.limit(), paging.offset()), paging);
    }

    @GET
    @Path("/sessions/trending")
    @WithSession
    public Uni<PageJson<SessionJson>> trending(@QueryParam("limit") String limit,
                                               @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        return render(search.trending(paging.limit(), paging.offset()), paging);
    }

    @GET
    @Path("/sessions/creator/{creatorId}")
    @WithSession
    public Uni<PageJson<SessionJson>> byCreator(@PathParam("creatorId") String creatorId,
                                                @QueryParam("status") String status,
                                                @QueryParam("limit") String limit,
                                                @QueryParam("offset") String offset) {
        long creator = PathIds.userId("creatorId", creatorId);
        Paging paging = Paging.of(limit, offset);
        String wantedStatus = blank(status) ? null : status.trim();
        if (wantedStatus != null && !SessionLifecycle.STATUSES.contains(wantedStatus)) {
            throw ApiException.badRequest("status", "status must be one of scheduled, live, paused, ended");
        }
        return render(search.search(new Filter(null, wantedStatus, null, creator), Sort.NEWEST, paging.limit(),
                paging.offset()), paging);
    }

    /** Sessions and products matching {@code q} (required); {@code limit} applies to each list (default 10). */
    @GET
    @WithSession
    public Uni<GlobalSearchJson> everything(@QueryParam("q") String q, @QueryParam("limit") String limit) {
        if (blank(q)) {
            throw ApiException.badRequest("q", "q is required");
        }
        String pattern = likePattern(q, "q");
        Paging paging = Paging.of(limit, null, 10);
        return search.search(new Filter(pattern, null, null, null), Sort.NEWEST, paging.limit(), 0)
                .chain(page -> views.sessions(page.sessions(), Optional.empty())
                        .chain(sessions -> products.search(pattern, paging.limit())
                                .map(found -> new GlobalSearchJson(sessions,
                                        found.products().stream().map(ProductJson::of).toList(),
                                        new GlobalSearchJson.Counts(page.total(), found.total())))));
    }

    private Uni<PageJson<SessionJson>> render(Uni<SessionSearchRepository.Page> page, Paging paging) {
        return page.chain(result -> views.sessions(result.sessions(), Optional.empty())
                .map(list -> PageJson.of(list, result.total(), paging)));
    }

    private static Sort sort(String sortBy) {
        if (blank(sortBy)) {
            return Sort.NEWEST;
        }
        return switch (sortBy.trim()) {
            case "newest" -> Sort.NEWEST;
            case "oldest" -> Sort.OLDEST;
            case "title" -> Sort.TITLE;
            default -> throw ApiException.badRequest("sortBy", "sortBy must be one of newest, oldest, title");
        };
    }

    /** A LIKE pattern for "contains q", case-insensitive, with LIKE's wildcards in q taken literally. */
    static String likePattern(String q, String field) {
        if (blank(q)) {
            return null;
        }
        String text = q.trim();
        if (text.length() > QUERY_MAX) {
            throw ApiException.badRequest(field, field + " must be at most " + QUERY_MAX + " characters");
        }
        String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
