package com.streambazaar.testkit;

import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/** Access tokens for tests, signed like auth-service signs them (RS256, kid, sub/upn/groups/iss/jti). */
public final class TestTokens {

    private TestTokens() {
    }

    public static String viewer(long userId, String username) {
        return token(userId, username, "viewer");
    }

    public static String creator(long userId, String username) {
        return token(userId, username, "creator");
    }

    public static String admin(long userId, String username) {
        return token(userId, username, "admin");
    }

    public static String token(long userId, String username, String role) {
        return builder(userId, username, role, Instant.now().plusSeconds(900)).sign(TestJwtKeys.privateKey());
    }

    public static String expired(long userId, String username, String role) {
        return Jwt.issuer(TestJwtKeys.ISSUER).subject(String.valueOf(userId)).upn(username).groups(Set.of(role))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800))
                .jws().keyId(TestJwtKeys.kid()).sign(TestJwtKeys.privateKey());
    }

    /** Well-formed and unexpired, but signed by a key nobody published. */
    public static String forged(long userId, String username, String role) {
        return builder(userId, username, role, Instant.now().plusSeconds(900)).sign(TestJwtKeys.newPair().getPrivate());
    }

    /** An unsigned token ({@code alg: none}) claiming to be the given user. */
    public static String unsigned(long userId, String username, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + TestJwtKeys.ISSUER + "\",\"sub\":\"" + userId + "\",\"upn\":\"" + username
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 900) + "}";
        return header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static io.smallrye.jwt.build.JwtSignatureBuilder builder(long userId, String username, String role,
                                                                     Instant expiresAt) {
        return Jwt.issuer(TestJwtKeys.ISSUER).subject(String.valueOf(userId)).upn(username).groups(Set.of(role))
                .claim("jti", UUID.randomUUID().toString()).issuedAt(Instant.now()).expiresAt(expiresAt)
                .jws().keyId(TestJwtKeys.kid());
    }
}
