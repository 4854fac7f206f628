package com.streambazaar.auth.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.auth.config.AuthConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import java.util.Set;

/**
 * auth-service verifies access tokens with its own in-memory public keys instead of fetching its own JWKS over
 * HTTP (which would fail at start and add a network hop to every request). Only RS256 is accepted (so
 * {@code alg: none} and HMAC tricks are refused), the issuer is checked, and the key is chosen by the token's kid.
 */
public class OwnKeysVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, AuthConfig config, ObjectMapper mapper) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        try {
            info.setPublicKeyContent(mapper.writeValueAsString(JsonWebKeySet.of(keys.all())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot publish the signing keys", e);
        }
        info.setIssuedBy(config.issuer());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setRequiredClaims(Set.of("sub", "upn", "groups", "jti", "iat", "exp"));
        info.setAlwaysCheckAuthorization(true);
        // a token must not outlive what this service ever issues (plus a margin for configuration changes)
        info.setMaxTimeToLiveSecs(Math.max(60, config.accessTokenLifetime().toSeconds()) * 4);
        return info;
    }
}
