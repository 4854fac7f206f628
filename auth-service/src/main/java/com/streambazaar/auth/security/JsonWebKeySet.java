package com.streambazaar.auth.security;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The public half of the signing keys, as published at {@code /.well-known/jwks.json} (RFC 7517). */
@RegisterForReflection
public record JsonWebKeySet(List<JsonWebKey> keys) {

    /** One RSA signing key: {@code n} and {@code e} are base64url, big-endian, unsigned. */
    @RegisterForReflection
    public record JsonWebKey(String kty, String use, String alg, String kid, String n, String e) {
    }

    public static JsonWebKeySet of(List<SigningKeys.SigningKey> keys) {
        return new JsonWebKeySet(keys.stream()
                .map(k -> new JsonWebKey("RSA", "sig", "RS256", k.kid(),
                        SigningKeys.base64Url(k.publicKey().getModulus()),
                        SigningKeys.base64Url(k.publicKey().getPublicExponent())))
                .toList());
    }
}
