package com.streambazaar.auth.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key folder handling: rotation needs several published keys, one signing, chosen predictably. */
class SigningKeysTest {

    @Test
    void everyKeyIsPublishedAndTheNewestSigns(@TempDir Path dir) throws Exception {
        writeKey(dir, "2024-01", Instant.parse("2024-01-01T00:00:00Z"));
        writeKey(dir, "2024-06", Instant.parse("2024-06-01T00:00:00Z"));
        Files.writeString(dir.resolve("README.txt"), "not a key");

        SigningKeys.KeyRing ring = SigningKeys.load(dir, false, Optional.empty());

        assertEquals(List.of("2024-01", "2024-06"), ring.all().stream().map(SigningKeys.SigningKey::kid).sorted().toList());
        assertEquals("2024-06", ring.active().kid());
        JsonWebKeySet jwks = JsonWebKeySet.of(ring.all());
        assertEquals(2, jwks.keys().size());
        jwks.keys().forEach(k -> {
            assertEquals("RSA", k.kty());
            assertEquals("sig", k.use());
            assertEquals("RS256", k.alg());
            assertEquals("AQAB", k.e());
        });
    }

    @Test
    void theConfiguredKidSignsWhenSet(@TempDir Path dir) throws Exception {
        writeKey(dir, "old", Instant.parse("2024-01-01T00:00:00Z"));
        writeKey(dir, "new", Instant.parse("2024-06-01T00:00:00Z"));
        assertEquals("old", SigningKeys.load(dir, false, Optional.of("old")).active().kid());
        assertThrows(IllegalStateException.class, () -> SigningKeys.load(dir, false, Optional.of("missing")));
    }

    @Test
    void noKeyWithoutDevGenerationRefusesToStart(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeys.load(dir.resolve("absent"), false, Optional.empty()));
        assertTrue(e.getMessage().contains("generate-dev-key=false"));
    }

    @Test
    void aDevelopmentKeyIsGeneratedPrivatelyAndReused(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        SigningKeys.KeyRing first = SigningKeys.load(keys, true, Optional.empty());
        assertEquals(1, first.all().size());
        Path file = keys.resolve(first.active().kid() + ".pem");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertEquals(2048, first.active().publicKey().getModulus().bitLength());

        SigningKeys.KeyRing again = SigningKeys.load(keys, true, Optional.empty());
        assertEquals(first.active().kid(), again.active().kid(), "a restart keeps the key, so tokens stay valid");
        assertEquals(first.active().publicKey(), again.active().publicKey());
    }

    @Test
    void unreadableKeyFilesStopTheStartWithAClearMessage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pkcs1.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeys.load(dir, false, Optional.empty()));
        assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    }

    private static void writeKey(Path dir, String kid, Instant modified) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = dir.resolve(kid + ".pem");
        Files.writeString(file, pem);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
