package com.streambazaar.auth.rest;

import com.streambazaar.auth.rest.UserViews.LiveUser;
import com.streambazaar.auth.rest.UserViews.OwnUser;
import com.streambazaar.auth.rest.UserViews.PublicUser;
import com.streambazaar.auth.service.AccountRules;
import com.streambazaar.auth.service.UserAdministration;
import com.streambazaar.auth.service.UserDirectory;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.rest.PathIds;
import com.streambazaar.common.security.Callers;
import com.streambazaar.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * /api/users: public reads of accounts in use (never an email), and the admin-only writes the existing web app calls
 * (the seed system left them open to anyone). Deleting deactivates: the account's history stays.
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Public profiles, who is live, and admin user management")
public class UserResource {

    private final UserDirectory directory;
    private final UserAdministration administration;
    private final Callers callers;

    public UserResource(UserDirectory directory, UserAdministration administration, Callers callers) {
        this.directory = directory;
        this.administration = administration;
        this.callers = callers;
    }

    /** An envelope list ({@code count} = the page's size) paged like every list: limit 1–100 (default 20), offset ≥ 0. */
    @GET
    @Operation(operationId = "listUsers", summary = "Public profiles of the accounts in use, oldest first")
    public Uni<ApiResponse<List<PublicUser>>> list(
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") String limit,
            @Parameter(description = "0 or more, default 0") @QueryParam("offset") String offset) {
        PageRequest page = PageRequest.of(limit, offset);
        return directory.list(page)
                .map(users -> ApiResponse.list("Users retrieved successfully", users.stream().map(PublicUser::of).toList()));
    }

    /** A literal segment: JAX-RS matches it before the {id} template, so "live" is never read as an id. */
    @GET
    @Path("/live")
    @Operation(operationId = "listLiveUsers", summary = "Creators who are live now, each with their live session")
    public Uni<ApiResponse<List<LiveUser>>> live() {
        return directory.live().map(hosts -> ApiResponse.list("Live users retrieved successfully",
                hosts.stream().map(LiveUser::of).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "One public profile")
    public Uni<ApiResponse<PublicUser>> byId(@PathParam("id") String id) {
        long userId = PathIds.userId("id", id);
        return directory.byId(userId).map(user -> ApiResponse.ok("User retrieved successfully", PublicUser.of(user)));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createUser", summary = "Create an account with any role (admin)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiResponseOwnUser")))
    @APIResponse(responseCode = "409", description = "Username or email already taken")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(UserRequests.Create body) {
        Fields.body(body);
        String username = AccountRules.username(body.username());
        String email = AccountRules.email(body.email());
        String password = AccountRules.password("password", body.password());
        String role = body.role() == null ? Roles.VIEWER : AccountRules.assignableRole(body.role());
        return callers.required().chain(admin -> administration.create(admin, username, email, password, role))
                .map(user -> Response.status(Response.Status.CREATED)
                        .entity(ApiResponse.ok("User created successfully", OwnUser.of(user))).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateUser", summary = "Change an account's username, email or role (admin)")
    @APIResponse(responseCode = "200", description = "The updated account")
    @APIResponse(responseCode = "409", description = "Username or email already taken")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ApiResponse<OwnUser>> update(@PathParam("id") String id, UserRequests.Change body) {
        long userId = PathIds.userId("id", id);
        Fields.body(body);
        if (body.password() != null) {
            throw ApiException.badRequest("password", "An admin cannot set another user's password");
        }
        if (body.username() == null && body.email() == null && body.role() == null) {
            throw ApiException.badRequest(null, "Nothing to update: send username, email or role");
        }
        UserAdministration.Changes changes = new UserAdministration.Changes(
                body.username() == null ? null : AccountRules.username(body.username()),
                body.email() == null ? null : AccountRules.email(body.email()),
                body.role() == null ? null : AccountRules.assignableRole(body.role()));
        return callers.required().chain(admin -> administration.update(admin, userId, changes))
                .map(user -> ApiResponse.ok("User updated successfully", OwnUser.of(user)));
    }

    /** Deactivates the account (never deletes it): see {@link UserAdministration#deactivate}. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deactivateUser", summary = "Deactivate an account (admin); its history is kept",
            description = "Login refused, tokens revoked, unlisted; its live sessions end and its products are hidden "
                    + "(through events).")
    @APIResponse(responseCode = "200", description = "Deactivated")
    public Uni<ApiResponse<Void>> deactivate(@PathParam("id") String id) {
        long userId = PathIds.userId("id", id);
        return callers.required().chain(admin -> administration.deactivate(admin, userId))
                .replaceWith(ApiResponse.done("User deleted successfully"));
    }
}
