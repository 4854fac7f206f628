package com.streambazaar.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens that must be refused, built the way an attacker would: a real access token with its claims edited, one
 * signed by auth-service's real key but expired, one signed by a key nobody published (under the real key id), an
 * unsigned one ({@code alg: none}). Each claims to be the given user with the admin role.
 */
final class Tokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Tokens() {
    }

    /** A real token whose payload now says {@code sub = userId, groups = [admin]}; its signature is the original's. */
    static String forged(String realToken, long userId) {
        String[] parts = realToken.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) Http.JSON.readTree(B64D.decode(parts[1]));
            claims.put("sub", String.valueOf(userId));
            claims.putArray("groups").add("admin");
            return parts[0] + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with auth-service's real key (from the stack's state folder), but it expired half an hour ago. */
    static String expired(Map.Entry<String, String> signingKey, long userId, String username) {
        Instant now = Instant.now();
        return sign(signingKey.getKey(), key(signingKey.getValue()), claims(userId, username, "admin",
                now.minusSeconds(3600), now.minusSeconds(1800)));
    }

    /** Well-formed and current, under the real key id, but signed by a key of our own. */
    static String unknownKey(String kid, long userId, String username) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Instant now = Instant.now();
            return sign(kid, generator.generateKeyPair().getPrivate(), claims(userId, username, "admin", now, now.plusSeconds(900)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unsigned: {@code {"alg":"none"}} and an empty signature. */
    static String algNone(long userId, String username) {
        Instant now = Instant.now();
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + B64.encodeToString(claims(userId, username, "admin", now, now.plusSeconds(900))
                .getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String claims(long userId, String username, String role, Instant issued, Instant expires) {
        return "{\"iss\":\"stream-bazaar\",\"sub\":\"" + userId + "\",\"upn\":\"" + username + "\",\"groups\":[\"" + role
                + "\"],\"jti\":\"" + UUID.randomUUID() + "\",\"sid\":\"" + UUID.randomUUID() + "\",\"iat\":"
                + issued.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}";
    }

    private static String sign(String kid, PrivateKey key, String claims) {
        try {
            String header = B64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String body = B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey key(String pem) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("the signing key is not PKCS#8 PEM", e);
        }
    }
}
