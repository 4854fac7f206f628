package com.streambazaar.auth.security;

import com.streambazaar.auth.config.AuthConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Signs access tokens: RS256 with the active key's kid; claims {@code sub} (user id), {@code upn} (username),
 * {@code groups} ([role]), {@code iss}, {@code jti}, {@code iat}, {@code exp} and {@code sid} (the refresh-token
 * family of this login, so logout and password changes know which login the caller is).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthConfig config;

    public AccessTokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public String issue(long userId, String username, String role, UUID family) {
        Instant now = Instant.now();
        SigningKeys.SigningKey key = keys.active();
        return Jwt.issuer(config.issuer())
                .subject(String.valueOf(userId))
                .upn(username)
                .groups(Set.of(role))
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", family.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenLifetime()))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(key.kid())
                .sign(key.privateKey());
    }
}
