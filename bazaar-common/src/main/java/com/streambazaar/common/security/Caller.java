package com.streambazaar.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, read from a verified access token only ({@code sub} = user id, {@code upn} = username,
 * {@code groups} = role, {@code sid} = the login the token belongs to). Never built from request payloads. HTTP
 * resources get it from {@link Callers}; socket endpoints, which verify the token themselves, from {@link #of}.
 *
 * @param loginId the login (refresh-token family) that issued the token, or null when the token names none
 */
public record Caller(long userId, String username, String role, UUID loginId) {

    public Caller(long userId, String username, String role) {
        this(userId, username, role, null);
    }

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

    /** The caller a verified token names, or empty when it names no user. */
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
        return Optional.of(new Caller(id, username, role, loginId(jwt.getClaim("sid"))));
    }

    private static UUID loginId(Object claim) {
        if (claim == null) {
            return null;
        }
        try {
            return UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
