package com.streambazaar.auth.security;

import com.streambazaar.auth.config.AuthConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RSA keys access tokens are signed with, loaded once at start from {@code bazaar.auth.keys-dir}
 * (one PKCS#8 PEM file per key, file name = kid). All of them are published in the JWKS; the active one
 * ({@code bazaar.auth.active-kid}, else the newest file) signs. Rotation: add a key file, restart replicas so
 * everyone publishes it, make it active, remove the old file once the last token it signed has expired.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    /** One key pair with its kid; {@code modified} orders keys so the newest can be the active one. */
    public record SigningKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, FileTime modified) {
    }

    private final AuthConfig config;
    private List<SigningKey> keys;
    private SigningKey active;

    public SigningKeys(AuthConfig config) {
        this.config = config;
    }

    @PostConstruct
    void loadAtStart() {
        KeyRing ring = load(Path.of(config.keysDir()), config.generateDevKey(), config.activeKid());
        keys = ring.all();
        active = ring.active();
        Log.infof("Loaded %d signing key(s) from %s; tokens are signed with kid %s", keys.size(),
                Path.of(config.keysDir()).toAbsolutePath(), active.kid());
    }

    /** The key new tokens are signed with. */
    public SigningKey active() {
        return active;
    }

    /** Every key whose tokens are still accepted (and published). */
    public List<SigningKey> all() {
        return keys;
    }

    /** The keys of a folder and the one that signs. */
    record KeyRing(List<SigningKey> all, SigningKey active) {
    }

    static KeyRing load(Path dir, boolean generateDevKey, Optional<String> activeKid) {
        List<SigningKey> loaded = readAll(dir);
        if (loaded.isEmpty()) {
            if (!generateDevKey) {
                throw new IllegalStateException("No signing key in " + dir.toAbsolutePath()
                        + " and bazaar.auth.generate-dev-key=false: mount the key Secret there (<kid>.pem, PKCS#8)");
            }
            generateDevelopmentKey(dir);
            loaded = readAll(dir);
        }
        List<SigningKey> all = List.copyOf(loaded);
        SigningKey active = activeKid
                .map(kid -> all.stream().filter(k -> k.kid().equals(kid)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("bazaar.auth.active-kid=" + kid
                                + " names no key file in " + dir.toAbsolutePath())))
                .orElseGet(() -> all.stream()
                        .max(Comparator.comparing(SigningKey::modified).thenComparing(SigningKey::kid))
                        .orElseThrow());
        return new KeyRing(all, active);
    }

    static List<SigningKey> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SigningKey> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".pem") || !Files.isRegularFile(file)) {
                    continue;
                }
                String kid = name.substring(0, name.length() - ".pem".length());
                if (!KID.matcher(kid).matches()) {
                    Log.warnf("Ignoring key file %s: its name must be <kid>.pem with kid of [A-Za-z0-9._-]", file);
                    continue;
                }
                found.add(read(file, kid));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keys in " + dir.toAbsolutePath(), e);
        }
        return found;
    }

    private static SigningKey read(Path file, String kid) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains(PEM_BEGIN)) {
            throw new IllegalStateException("Key file " + file + " is not a PKCS#8 PEM private key (expected "
                    + PEM_BEGIN + "; convert with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out " + kid + ".pem)");
        }
        String base64 = pem.substring(pem.indexOf(PEM_BEGIN) + PEM_BEGIN.length(), pem.indexOf(PEM_END))
                .replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            if (!(factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)))
                    instanceof RSAPrivateCrtKey privateKey)) {
                throw new IllegalStateException("Key file " + file + " is not a complete RSA private key");
            }
            if (privateKey.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("Key file " + file + " holds an RSA key under 2048 bits");
            }
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new SigningKey(kid, privateKey, publicKey, Files.getLastModifiedTime(file));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Key file " + file + " is not a readable RSA private key", e);
        }
    }

    private static void generateDevelopmentKey(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = "dev-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
            Path file = dir.resolve(kid + ".pem");
            String pem = PEM_BEGIN + "\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n" + PEM_END + "\n";
            // created with mode 600 from the start: the key is never readable by others, not even briefly
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            Log.warnf("No signing key found: generated a DEVELOPMENT key %s. Production must mount its own keys "
                    + "and set bazaar.auth.generate-dev-key=false", file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            Log.infof("Another replica generated the development key at the same time; using it");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a development signing key to " + dir.toAbsolutePath(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64url of an unsigned big-endian integer, as JWK wants {@code n} and {@code e}. */
    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
