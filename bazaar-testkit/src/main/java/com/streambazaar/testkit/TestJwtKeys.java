package com.streambazaar.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A fresh RS256 key pair per test run, published as a JWKS file the services verify against (as they verify
 * against auth-service's JWKS in production). The private key travels to {@link TestTokens} through a system
 * property, since test resources and tests may live in different class loaders.
 */
public final class TestJwtKeys {

    static final String PRIVATE_KEY_PROPERTY = "bazaar.test.jwt.private-key";
    static final String KID_PROPERTY = "bazaar.test.jwt.kid";
    public static final String ISSUER = "stream-bazaar";

    private final Path jwksFile;

    private TestJwtKeys(Path jwksFile) {
        this.jwksFile = jwksFile;
    }

    public static TestJwtKeys generate() throws IOException {
        KeyPair pair = newPair();
        String kid = "test-" + UUID.randomUUID();
        Path jwks = Files.createTempFile("bazaar-test-jwks-", ".json");
        Files.writeString(jwks, "{\"keys\":[" + jwk((RSAPublicKey) pair.getPublic(), kid) + "]}");
        jwks.toFile().deleteOnExit();
        System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        System.setProperty(KID_PROPERTY, kid);
        return new TestJwtKeys(jwks);
    }

    /** For {@code mp.jwt.verify.publickey.location}. */
    public String jwksLocation() {
        return "file:" + jwksFile.toAbsolutePath();
    }

    static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey() {
        String encoded = System.getProperty(PRIVATE_KEY_PROPERTY);
        if (encoded == null) {
            throw new IllegalStateException("No test JWT keys: is the test annotated with BazaarTestResources?");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String kid() {
        return System.getProperty(KID_PROPERTY);
    }

    static String jwk(RSAPublicKey key, String kid) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
