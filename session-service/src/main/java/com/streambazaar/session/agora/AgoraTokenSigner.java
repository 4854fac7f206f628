package com.streambazaar.session.agora;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Agora AccessToken2 ("007") RTC tokens locally, with no Agora SDK and no network call.
 * The byte layout and key chain follow design/AGORA.md.
 *
 * <p>All lifetimes are <em>relative</em> seconds counted from the moment of issue. The seed system
 * passed an absolute Unix time there and minted ~57-year tokens; this class takes only durations,
 * rejects non-positive ones and caps them at Agora's 24 h maximum.
 *
 * <p>Thread-safe: the only state is the immutable credentials, the clock and the salt source.
 */
public final class AgoraTokenSigner {

    /** Agora's documented maximum lifetime for tokens and privileges: 24 hours. */
    public static final int MAX_LIFETIME_SECONDS = 86_400;

    static final String VERSION_PREFIX = "007";
    static final int SERVICE_TYPE_RTC = 1;
    static final int SIGNATURE_LENGTH = 32;

    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final long U32_MAX = 0xFFFF_FFFFL;
    // Agora SDK limits: a channel name above 64 bytes or an account above 255 bytes can never join,
    // so signing one would only hand out a useless token.
    private static final int MAX_CHANNEL_NAME_BYTES = 64;
    private static final int MAX_USER_ACCOUNT_BYTES = 255;

    private final String appId;
    private final byte[] appCertificate;
    private final Clock clock;
    private final IntSupplier saltSource;

    /**
     * @throws IllegalArgumentException if appId or appCertificate is not exactly 32 hex characters;
     *                                  the message names which one, never its value
     */
    public AgoraTokenSigner(String appId, String appCertificate) {
        this(appId, appCertificate, Clock.systemUTC(), new SecureRandom()::nextInt);
    }

    /** Seam for tests: a fixed clock and salt make {@link #signRtcToken} results predictable. */
    AgoraTokenSigner(String appId, String appCertificate, Clock clock, IntSupplier saltSource) {
        this.appId = requireHex32(appId, "Agora appId");
        this.appCertificate = requireHex32(appCertificate, "Agora app certificate").getBytes(StandardCharsets.US_ASCII);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.saltSource = Objects.requireNonNull(saltSource, "saltSource");
    }

    /** The Agora appId tokens are signed for; it is public (every token carries it). */
    public String appId() {
        return appId;
    }

    /**
     * A signed token together with the instants the API reports. {@code expiresAt} reflects the
     * lifetime actually written into the token, i.e. after capping at 24 h.
     */
    public record SignedRtcToken(String token, Instant issuedAt, Instant expiresAt) {
    }

    // ---- public API: numeric uid ----

    /**
     * Builds an RTC token for a numeric uid.
     *
     * @param uid                      0 admits any uid; otherwise 1..4294967295 (Agora uids are unsigned 32-bit)
     * @param tokenLifetimeSeconds     seconds from now; must be positive, capped at 86400
     * @param privilegeLifetimeSeconds seconds from now; must be positive, capped at the token lifetime
     */
    public String buildRtcToken(String channelName, long uid, AgoraRole role,
                                int tokenLifetimeSeconds, int privilegeLifetimeSeconds) {
        return signRtcToken(channelName, uid, role, tokenLifetimeSeconds, privilegeLifetimeSeconds).token();
    }

    /** As {@link #buildRtcToken(String, long, AgoraRole, int, int)}, also returning issue and expiry instants. */
    public SignedRtcToken signRtcToken(String channelName, long uid, AgoraRole role,
                                       int tokenLifetimeSeconds, int privilegeLifetimeSeconds) {
        return signRtcToken(channelName, uidText(uid), role, tokenLifetimeSeconds, privilegeLifetimeSeconds);
    }

    // ---- public API: string user account ----

    /** Builds an RTC token for a string user account, which is written into the token unchanged. */
    public String buildRtcToken(String channelName, String userAccount, AgoraRole role,
                                int tokenLifetimeSeconds, int privilegeLifetimeSeconds) {
        return signRtcToken(channelName, userAccount, role, tokenLifetimeSeconds, privilegeLifetimeSeconds).token();
    }

    /** As {@link #buildRtcToken(String, String, AgoraRole, int, int)}, also returning issue and expiry instants. */
    public SignedRtcToken signRtcToken(String channelName, String userAccount, AgoraRole role,
                                       int tokenLifetimeSeconds, int privilegeLifetimeSeconds) {
        long issueTs = clock.instant().getEpochSecond();
        long salt = Integer.toUnsignedLong(saltSource.getAsInt());
        int lifetime = tokenLifetime(tokenLifetimeSeconds);
        String token = buildRtcToken(channelName, userAccount, role,
                tokenLifetimeSeconds, privilegeLifetimeSeconds, issueTs, salt);
        return new SignedRtcToken(token, Instant.ofEpochSecond(issueTs), Instant.ofEpochSecond(issueTs + lifetime));
    }

    // ---- seam: explicit issueTs and salt, so tests reproduce the published vectors ----

    String buildRtcToken(String channelName, long uid, AgoraRole role,
                         int tokenLifetimeSeconds, int privilegeLifetimeSeconds, long issueTs, long salt) {
        return buildRtcToken(channelName, uidText(uid), role, tokenLifetimeSeconds, privilegeLifetimeSeconds, issueTs, salt);
    }

    String buildRtcToken(String channelName, String userAccount, AgoraRole role,
                         int tokenLifetimeSeconds, int privilegeLifetimeSeconds, long issueTs, long salt) {
        requireText(channelName, "channelName", 1, MAX_CHANNEL_NAME_BYTES);
        requireText(userAccount, "userAccount", 0, MAX_USER_ACCOUNT_BYTES);
        Objects.requireNonNull(role, "role");
        requireU32(issueTs, "issueTs");
        requireU32(salt, "salt");
        int lifetime = tokenLifetime(tokenLifetimeSeconds);
        int privilegeLifetime = Math.min(positive(privilegeLifetimeSeconds, "privilegeLifetimeSeconds"), lifetime);

        byte[] signingInfo = signingInfo(issueTs, lifetime, salt, role.privileges(privilegeLifetime), channelName, userAccount);
        byte[] signature = signature(appCertificate, issueTs, salt, signingInfo);

        LittleEndianWriter content = new LittleEndianWriter();
        content.bytes(signature);
        content.raw(signingInfo);
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(deflate(content.toByteArray()));
    }

    // ---- format pieces shared with AgoraTokenParser ----

    /**
     * The signature chain from AGORA.md: k1 = HMAC(issueTs, certificate ASCII), k2 = HMAC(salt, k1),
     * signature = HMAC(k2, signing info). The certificate is used as its 32 ASCII characters, not hex-decoded.
     */
    static byte[] signature(byte[] appCertificateAscii, long issueTs, long salt, byte[] signingInfo) {
        byte[] k1 = hmacSha256(u32(issueTs), appCertificateAscii);
        byte[] k2 = hmacSha256(u32(salt), k1);
        return hmacSha256(k2, signingInfo);
    }

    /**
     * Validates a 32-hex-character credential. The message names the setting and its length only,
     * because the value may be the certificate.
     */
    static String requireHex32(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing; it must be exactly 32 hexadecimal characters");
        }
        if (!HEX_32.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be exactly 32 hexadecimal characters (got "
                    + value.length() + " characters" + (value.length() == 32 ? ", not all hexadecimal" : "") + ")");
        }
        return value;
    }

    // ---- internals ----

    private byte[] signingInfo(long issueTs, long lifetime, long salt, Map<Integer, Long> privileges,
                               String channelName, String userAccount) {
        LittleEndianWriter info = new LittleEndianWriter();
        info.string(appId);
        info.u32(issueTs);
        info.u32(lifetime);
        info.u32(salt);
        info.u16(1); // one service: RTC
        info.u16(SERVICE_TYPE_RTC);
        info.u16(privileges.size());
        privileges.forEach((key, value) -> { // TreeMap: ascending key order, as the format requires
            info.u16(key);
            info.u32(value);
        });
        info.string(channelName);
        info.string(userAccount);
        return info.toByteArray();
    }

    /** Agora numeric uids are unsigned 32-bit; 0 is the wildcard and is written as "". */
    private static String uidText(long uid) {
        if (uid < 0 || uid > U32_MAX) {
            throw new IllegalArgumentException("uid must be between 0 and 4294967295, got " + uid);
        }
        return uid == 0 ? "" : Integer.toUnsignedString((int) uid);
    }

    private static int tokenLifetime(int seconds) {
        return Math.min(positive(seconds, "tokenLifetimeSeconds"), MAX_LIFETIME_SECONDS);
    }

    private static int positive(int seconds, String name) {
        if (seconds <= 0) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, got " + seconds);
        }
        return seconds;
    }

    private static void requireU32(long value, String name) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(name + " must fit in an unsigned 32-bit integer, got " + value);
        }
    }

    private static void requireText(String value, String name, int minBytes, int maxBytes) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length < minBytes || length > maxBytes) {
            throw new IllegalArgumentException(name + " must be " + minBytes + " to " + maxBytes
                    + " bytes of UTF-8, got " + length);
        }
    }

    private static byte[] u32(long value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JVM, not bad input.
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(); // default level, zlib wrapper: what the vectors were made with
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
            byte[] buffer = new byte[512];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end(); // frees native memory now rather than at GC
        }
    }

    /** Packs the AccessToken2 primitives: little-endian integers, u16-length-prefixed strings and bytes. */
    private static final class LittleEndianWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void u16(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("value does not fit in an unsigned 16-bit field: " + value);
            }
            out.write(value);
            out.write(value >>> 8);
        }

        void u32(long value) {
            out.writeBytes(AgoraTokenSigner.u32(value));
        }

        void string(String value) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            u16(value.length);
            out.writeBytes(value);
        }

        void raw(byte[] value) {
            out.writeBytes(value);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
