package com.streambazaar.auth.rest;

import com.streambazaar.auth.rest.UserViews.OwnUser;
import com.streambazaar.auth.rest.UserViews.SignedIn;
import com.streambazaar.auth.rest.UserViews.UpdatedOwnUser;
import com.streambazaar.auth.service.AccountRules;
import com.streambazaar.auth.service.AccountService;
import com.streambazaar.auth.service.RegistrationPolicy;
import com.streambazaar.common.rest.ApiDocumentFilter;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.ApiResponse;
import com.streambazaar.common.rest.Fields;
import com.streambazaar.common.security.Callers;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** /api/auth: register, login, refresh, logout, current user and self-service update (API.md, auth-service). */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Auth", description = "Sign-up, sign-in, token refresh and the caller's own account")
public class AuthResource {

    /** Login, register and refresh also set the access token as an httpOnly cookie (for same-site web apps). */
    private static final String SET_COOKIE = "The access token as an httpOnly cookie";
    private static final String COOKIE = "bazaar_access_token=<accessToken>; Path=/; HttpOnly; SameSite=Lax";

    /** Refresh tokens we hand out are 43 characters; anything far longer is not one of ours. */
    private static final int REFRESH_TOKEN_MAX = 200;

    private final AccountService accounts;
    private final RegistrationPolicy registration;
    private final ClientAddress clientAddress;
    private final Callers callers;
    private final AccessTokenCookie cookie;

    public AuthResource(AccountService accounts, RegistrationPolicy registration, ClientAddress clientAddress,
                        Callers callers, AccessTokenCookie cookie) {
        this.accounts = accounts;
        this.registration = registration;
        this.clientAddress = clientAddress;
        this.callers = callers;
        this.cookie = cookie;
    }

    @POST
    @Path("/register")
    @Operation(operationId = "registerUser", summary = "Create an account and sign in",
            description = "role is viewer (the default, configurable) or creator. Answers the own user and a token pair.")
    @Extension(name = ApiDocumentFilter.SUCCESS_STATUS, value = "201")
    @APIResponse(responseCode = "200", description = "Registered and signed in (201)",
            headers = @Header(name = "Set-Cookie", description = SET_COOKIE,
                    schema = @Schema(type = SchemaType.STRING, example = COOKIE)))
    @APIResponse(responseCode = "409", description = "Username or email already taken (error username_taken, email_taken)")
    @APIResponse(responseCode = "503", description = "Too many sign-ins at once, try again in a moment")
    public Uni<RestResponse<ApiResponse<SignedIn>>> register(AuthRequests.Register body,
                                                             @Context HttpServerRequest request) {
        Fields.body(body);
        String username = AccountRules.username(body.username());
        String email = AccountRules.email(body.email());
        String password = AccountRules.password("password", body.password());
        String role = registration.roleFor(body.role());
        return accounts.register(username, email, password, role)
                .map(signedIn -> cookie.set(RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED,
                                ApiResponse.ok("User registered successfully", view(signedIn))),
                        signedIn.accessToken(), request).build());
    }

    @POST
    @Path("/login")
    @Operation(operationId = "login", summary = "Sign in with username (or email) and password")
    @APIResponse(responseCode = "200", description = "Signed in",
            headers = @Header(name = "Set-Cookie", description = SET_COOKIE,
                    schema = @Schema(type = SchemaType.STRING, example = COOKIE)))
    @APIResponse(responseCode = "401", description = "Invalid credentials, or the account is deactivated")
    @APIResponse(responseCode = "429", description = "Too many failed attempts for this account or address")
    @APIResponse(responseCode = "503", description = "Too many sign-ins at once, try again in a moment")
    public Uni<RestResponse<ApiResponse<SignedIn>>> login(AuthRequests.Login body, @Context HttpServerRequest request) {
        Fields.body(body);
        String identifier = body.username() != null ? body.username() : body.email();
        AccountRules.loginField("username", identifier, AccountRules.EMAIL_MAX);
        String password = AccountRules.loginField("password", body.password(), AccountRules.PASSWORD_MAX * 4);
        return accounts.login(identifier, password, clientAddress.of(request))
                .map(signedIn -> cookie.set(RestResponse.ResponseBuilder.ok(ApiResponse.ok("Login successful", view(signedIn))),
                        signedIn.accessToken(), request).build());
    }

    @POST
    @Path("/refresh-token")
    @Operation(operationId = "refreshToken", summary = "Trade a refresh token for a new token pair",
            description = "Refresh tokens are single-use: reusing a rotated one is 401 and revokes that login's "
                    + "whole token family.")
    @APIResponse(responseCode = "200", description = "A new access token and a new refresh token",
            headers = @Header(name = "Set-Cookie", description = SET_COOKIE,
                    schema = @Schema(type = SchemaType.STRING, example = COOKIE)))
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or reused refresh token")
    public Uni<RestResponse<ApiResponse<SignedIn>>> refresh(AuthRequests.Refresh body, @Context HttpServerRequest request) {
        Fields.body(body);
        String token = AccountRules.loginField("refreshToken", body.refreshToken(), REFRESH_TOKEN_MAX);
        return accounts.refresh(token).map(signedIn -> cookie.set(
                RestResponse.ResponseBuilder.ok(ApiResponse.ok("Token refreshed successfully", view(signedIn))),
                signedIn.accessToken(), request).build());
    }

    /**
     * Revokes the login of the given refresh token and the login this access token belongs to (its {@code sid}). The
     * body is optional: a POST without one (and often without a Content-Type, read as JSON here) just logs out.
     */
    @POST
    @Path("/logout")
    @Operation(operationId = "logout", summary = "Sign out: revoke this login (and the given refresh token)")
    @RequestBody(required = false, description = "Optional: the refresh token to revoke as well")
    @APIResponse(responseCode = "200", description = "Signed out; the cookie is cleared")
    @Authenticated
    public Uni<RestResponse<ApiResponse<Void>>> logout(AuthRequests.Logout body, @Context HttpServerRequest request) {
        String token = body == null ? null : body.refreshToken();
        if (token != null) {
            AccountRules.loginField("refreshToken", token, REFRESH_TOKEN_MAX);
        }
        return callers.required()
                .chain(caller -> accounts.logout(caller.userId(), caller.loginId(), token))
                .replaceWith(() -> cookie.clear(RestResponse.ResponseBuilder.ok(
                        ApiResponse.done("Logged out successfully")), request).build());
    }

    @GET
    @Path("/currentUser")
    @Operation(operationId = "getCurrentUser", summary = "The caller's own account")
    @Authenticated
    public Uni<ApiResponse<OwnUser>> currentUser() {
        return callers.required().chain(caller -> accounts.current(caller.userId()))
                .map(user -> ApiResponse.ok("User retrieved successfully", OwnUser.of(user)));
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getMe", summary = "The caller's own account (alias of currentUser)")
    @Authenticated
    public Uni<ApiResponse<OwnUser>> me() {
        return currentUser();
    }

    /** A role change (viewer ⇄ creator) adds a fresh {@code accessToken} to {@code data}, since tokens carry the role. */
    @POST
    @Path("/update")
    @Operation(operationId = "updateCurrentUser", summary = "Change the caller's username, email, password or role",
            description = "Changing password or email needs currentPassword; role viewer ⇄ creator returns a fresh "
                    + "accessToken in data (tokens carry the role).")
    @APIResponse(responseCode = "200", description = "The updated own user")
    @APIResponse(responseCode = "409", description = "Username or email already taken, or a live session blocks the change")
    @Authenticated
    public Uni<RestResponse<ApiResponse<UpdatedOwnUser>>> update(AuthRequests.Update body, @Context HttpServerRequest request) {
        Fields.body(body);
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
        String address = clientAddress.of(request);
        return callers.required()
                .chain(caller -> accounts.update(caller.userId(), caller.loginId(), changes, address))
                .map(updated -> {
                    RestResponse.ResponseBuilder<ApiResponse<UpdatedOwnUser>> response = RestResponse.ResponseBuilder.ok(
                            ApiResponse.ok("User updated successfully",
                                    UpdatedOwnUser.of(updated.user(), updated.accessToken())));
                    return (updated.accessToken() == null ? response
                            : cookie.set(response, updated.accessToken(), request)).build();
                });
    }

    @PUT
    @Path("/update")
    @Operation(operationId = "replaceCurrentUser", summary = "Same as POST /api/auth/update")
    @APIResponse(responseCode = "200", description = "The updated own user")
    @APIResponse(responseCode = "409", description = "Username or email already taken, or a live session blocks the change")
    @Authenticated
    public Uni<RestResponse<ApiResponse<UpdatedOwnUser>>> put(AuthRequests.Update body, @Context HttpServerRequest request) {
        return update(body, request);
    }

    private static SignedIn view(AccountService.SignedIn signedIn) {
        return new SignedIn(OwnUser.of(signedIn.user()), signedIn.accessToken(), signedIn.refreshToken());
    }
}
