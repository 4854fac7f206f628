package com.streambazaar.auth.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.auth.rest.UserViews.LiveUser;
import com.streambazaar.auth.rest.UserViews.PublicUser;
import com.streambazaar.auth.service.UserDirectory;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.PathIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** /api/users: public, read-only (the seed system's unauthenticated writes are gone). Never shows an email. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final UserDirectory directory;
    private final ObjectMapper mapper;

    public UserResource(UserDirectory directory, ObjectMapper mapper) {
        this.directory = directory;
        this.mapper = mapper;
    }

    @GET
    public Uni<ApiResponse<List<PublicUser>>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int pageSize = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = number("offset", offset, 0, 0, Integer.MAX_VALUE - MAX_LIMIT);
        return directory.list(pageSize, skip)
                .map(users -> ApiResponse.list("Users retrieved successfully", users.stream().map(PublicUser::of).toList()));
    }

    /** A literal segment: JAX-RS matches it before the {id} template, so "live" is never read as an id. */
    @GET
    @Path("/live")
    public Uni<ApiResponse<List<LiveUser>>> live() {
        return directory.live().map(rows -> ApiResponse.list("Live users retrieved successfully",
                rows.stream().map(row -> LiveUser.of(row.user(), row.session(), mapper)).toList()));
    }

    @GET
    @Path("/{id}")
    public Uni<ApiResponse<PublicUser>> byId(@PathParam("id") String id) {
        long userId = PathIds.userId("id", id);
        return directory.byId(userId).map(user -> ApiResponse.ok("User retrieved successfully", PublicUser.of(user)));
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(field, field + " must be a whole number from " + min + " to " + max);
    }
}
