package com.streambazaar.common.security;

import com.streambazaar.common.rest.ApiException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, read from a verified access token only ({@code sub} = user id, {@code upn} = username,
 * {@code groups} = role). Never built from request payloads.
 */
public record Caller(long userId, String username, String role) {

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }

    public boolean isCreator() {
        return Roles.CREATOR.equals(role);
    }

    /** True when the caller owns the resource or is an admin. */
    public boolean mayManage(long ownerId) {
        return userId == ownerId || isAdmin();
    }

    /** The caller, or empty for a guest (no token). */
    public static Optional<Caller> of(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null || jwt.getRawToken() == null) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Set<String> groups = jwt.getGroups();
        String role = groups.contains(Roles.ADMIN) ? Roles.ADMIN
                : groups.contains(Roles.CREATOR) ? Roles.CREATOR : Roles.VIEWER;
        String username = jwt.getClaim("upn");
        return Optional.of(new Caller(id, username, role));
    }

    /** The caller; 401 for a guest. */
    public static Caller required(JsonWebToken jwt) {
        return of(jwt).orElseThrow(() -> ApiException.unauthorized("Authentication required: send a valid access token"));
    }
}
