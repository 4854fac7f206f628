package com.streambazaar.auth.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.auth.rest.UserViews.OwnUser;
import com.streambazaar.auth.rest.UserViews.SignedIn;
import com.streambazaar.auth.rest.UserViews.UpdatedOwnUser;
import com.streambazaar.auth.service.AccountRules;
import com.streambazaar.auth.service.AccountService;
import com.streambazaar.auth.service.RegistrationPolicy;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** /api/auth: register, login, refresh, logout, current user and self-service update (API.md, auth-service). */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** Refresh tokens we hand out are 43 characters; anything far longer is not one of ours. */
    private static final int REFRESH_TOKEN_MAX = 200;

    private final AccountService accounts;
    private final RegistrationPolicy registration;
    private final ClientAddress clientAddress;
    private final JsonWebToken jwt;
    private final ObjectMapper mapper;

    public AuthResource(AccountService accounts, RegistrationPolicy registration, ClientAddress clientAddress,
                        JsonWebToken jwt, ObjectMapper mapper) {
        this.accounts = accounts;
        this.registration = registration;
        this.clientAddress = clientAddress;
        this.jwt = jwt;
        this.mapper = mapper;
    }

    @POST
    @Path("/register")
    public Uni<Response> register(AuthRequests.Register body) {
        required(body);
        String username = AccountRules.username(body.username());
        String email = AccountRules.email(body.email());
        String password = AccountRules.password("password", body.password());
        String role = registration.roleFor(body.role());
        return accounts.register(username, email, password, role)
                .map(signedIn -> Response.status(Response.Status.CREATED)
                        .entity(ApiResponse.ok("User registered successfully", view(signedIn))).build());
    }

    @POST
    @Path("/login")
    public Uni<ApiResponse<SignedIn>> login(AuthRequests.Login body, @Context HttpServerRequest request) {
        required(body);
        String identifier = body.username() != null ? body.username() : body.email();
        AccountRules.loginField("username", identifier, AccountRules.EMAIL_MAX);
        String password = AccountRules.loginField("password", body.password(), AccountRules.PASSWORD_MAX * 4);
        return accounts.login(identifier, password, clientAddress.of(request))
                .map(signedIn -> ApiResponse.ok("Login successful", view(signedIn)));
    }

    @POST
    @Path("/refresh-token")
    public Uni<ApiResponse<SignedIn>> refresh(AuthRequests.Refresh body) {
        required(body);
        String token = AccountRules.loginField("refreshToken", body.refreshToken(), REFRESH_TOKEN_MAX);
        return accounts.refresh(token).map(signedIn -> ApiResponse.ok("Token refreshed successfully", view(signedIn)));
    }

    /**
     * Revokes the login of the given refresh token and the login this access token belongs to. The body is optional,
     * and clients that send none often send no Content-Type either, so it is read by hand.
     */
    @POST
    @Path("/logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<ApiResponse<Void>> logout(String rawBody) throws JsonProcessingException {
        Caller caller = Caller.required(jwt);
        AuthRequests.Logout body = rawBody == null || rawBody.isBlank() ? null
                : mapper.readValue(rawBody, AuthRequests.Logout.class);
        String token = body == null ? null : body.refreshToken();
        if (token != null) {
            AccountRules.loginField("refreshToken", token, REFRESH_TOKEN_MAX);
        }
        return accounts.logout(caller.userId(), loginFamily(), token)
                .replaceWith(ApiResponse.done("Logged out successfully"));
    }

    @GET
    @Path("/currentUser")
    @Authenticated
    public Uni<ApiResponse<OwnUser>> currentUser() {
        return accounts.current(Caller.required(jwt).userId())
                .map(user -> ApiResponse.ok("User retrieved successfully", OwnUser.of(user)));
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<ApiResponse<OwnUser>> me() {
        return currentUser();
    }

    /** A role change (viewer ⇄ creator) adds a fresh {@code accessToken} to {@code data}, since tokens carry the role. */
    @POST
    @Path("/update")
    @Authenticated
    public Uni<ApiResponse<UpdatedOwnUser>> update(AuthRequests.Update body, @Context HttpServerRequest request) {
        required(body);
        Caller caller = Caller.required(jwt);
        if (body.username() == null && body.email() == null && body.password() == null && body.role() == null) {
            throw ApiException.badRequest(null, "Nothing to update: send username, email, password or role");
        }
        AccountService.Changes changes = new AccountService.Changes(
                body.username() == null ? null : AccountRules.username(body.username()),
                body.email() == null ? null : AccountRules.email(body.email()),
                body.password() == null ? null : AccountRules.password("password", body.password()),
                body.currentPassword() == null ? null
                        : AccountRules.loginField("currentPassword", body.currentPassword(), AccountRules.PASSWORD_MAX * 4),
                body.role() == null ? null : AccountRules.selfServiceRole(body.role()));
        return accounts.update(caller.userId(), loginFamily(), changes, clientAddress.of(request))
                .map(updated -> ApiResponse.ok("User updated successfully",
                        UpdatedOwnUser.of(updated.user(), updated.accessToken())));
    }

    @PUT
    @Path("/update")
    @Authenticated
    public Uni<ApiResponse<UpdatedOwnUser>> put(AuthRequests.Update body, @Context HttpServerRequest request) {
        return update(body, request);
    }

    private UUID loginFamily() {
        Object sid = jwt.getClaim("sid");
        if (sid == null) {
            return null;
        }
        try {
            return UUID.fromString(sid.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SignedIn view(AccountService.SignedIn signedIn) {
        return new SignedIn(OwnUser.of(signedIn.user()), signedIn.accessToken(), signedIn.refreshToken());
    }

    private static void required(Object body) {
        if (body == null) {
            throw ApiException.badRequest(null, "Request body is required (JSON)");
        }
    }
}
