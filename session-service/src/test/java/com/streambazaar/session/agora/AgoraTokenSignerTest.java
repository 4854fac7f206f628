package com.streambazaar.session.agora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AgoraTokenSignerTest {

    // Public reference vectors, quoted from design/AGORA.md.
    private static final String APP_ID = "970CA35de60c44645bbae8a215061b33";
    private static final String APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";
    private static final String OTHER_CERTIFICATE = "0123456789abcdef0123456789ABCDEF";
    private static final String CHANNEL = "7d72365eb983485397e3e3f9d460bdda";
    private static final long VECTOR_ISSUE_TS = 1111111;
    private static final long VECTOR_SALT = 1;
    private static final String VECTOR_UID_2882341273 =
            "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
    private static final String VECTOR_UID_0 =
            "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=";

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final int FIXED_SALT = 0xCAFEBABE; // negative as an int: exercises the unsigned path

    private final AgoraTokenSigner signer = new AgoraTokenSigner(APP_ID, APP_CERTIFICATE);
    private final AgoraTokenSigner fixedSigner =
            new AgoraTokenSigner(APP_ID, APP_CERTIFICATE, Clock.fixed(NOW, ZoneOffset.UTC), () -> FIXED_SALT);
    private final AgoraTokenParser parser = new AgoraTokenParser(APP_CERTIFICATE);

    // ---- published vectors ----

    @Test
    void reproducesVectorForNumericUid() {
        String token = signer.buildRtcToken(CHANNEL, 2882341273L, AgoraRole.SUBSCRIBER, 600, 600,
                VECTOR_ISSUE_TS, VECTOR_SALT);
        assertEquals(VECTOR_UID_2882341273, token);
    }

    @Test
    void reproducesVectorForUidZero() {
        String token = signer.buildRtcToken(CHANNEL, 0L, AgoraRole.SUBSCRIBER, 600, 600,
                VECTOR_ISSUE_TS, VECTOR_SALT);
        assertEquals(VECTOR_UID_0, token);
    }

    @Test
    void reproducesVectorPayloadsIndependentlyOfCompressor() {
        // AGORA.md allows comparing decoded payloads, in case a zlib build compresses differently.
        assertArrayEquals(inflate(VECTOR_UID_2882341273), inflate(signer.buildRtcToken(
                CHANNEL, 2882341273L, AgoraRole.SUBSCRIBER, 600, 600, VECTOR_ISSUE_TS, VECTOR_SALT)));
        assertArrayEquals(inflate(VECTOR_UID_0), inflate(signer.buildRtcToken(
                CHANNEL, 0L, AgoraRole.SUBSCRIBER, 600, 600, VECTOR_ISSUE_TS, VECTOR_SALT)));
    }

    @Test
    void parsesPublishedVectors() {
        AgoraToken numeric = parser.parse(VECTOR_UID_2882341273);
        assertEquals(new AgoraToken(APP_ID, VECTOR_ISSUE_TS, 600, VECTOR_SALT, CHANNEL, "2882341273", Map.of(1, 600L)),
                numeric);

        AgoraToken wildcard = parser.parse(VECTOR_UID_0);
        assertEquals("", wildcard.uid());
        assertEquals(Map.of(1, 600L), wildcard.privileges());
        assertEquals(Instant.ofEpochSecond(VECTOR_ISSUE_TS + 600), wildcard.expiresAt());
    }

    // ---- round trips ----

    @Test
    void publisherTokenRoundTrips() {
        AgoraTokenSigner.SignedRtcToken signed =
                fixedSigner.signRtcToken("live-room-17", 42L, AgoraRole.PUBLISHER, 3600, 1800);
        AgoraToken token = parser.parse(signed.token());

        assertEquals(APP_ID, token.appId());
        assertEquals("live-room-17", token.channelName());
        assertEquals("42", token.uid());
        assertEquals(NOW.getEpochSecond(), token.issueTs());
        assertEquals(3600, token.expireSeconds());
        assertEquals(Integer.toUnsignedLong(FIXED_SALT), token.salt());
        assertEquals(Map.of(1, 1800L, 2, 1800L, 3, 1800L, 4, 1800L), token.privileges());
        assertEquals(NOW, signed.issuedAt());
        assertEquals(NOW.plusSeconds(3600), signed.expiresAt());
        assertEquals(signed.expiresAt(), token.expiresAt());
    }

    @Test
    void subscriberTokenCarriesJoinChannelOnly() {
        AgoraToken token = parser.parse(fixedSigner.buildRtcToken("live-room-17", 42L, AgoraRole.SUBSCRIBER, 3600, 3600));
        assertEquals(Map.of(1, 3600L), token.privileges());
    }

    @Test
    void systemClockTokenIsIssuedNowWithRelativeLifetime() {
        // Guards against the seed bug: an absolute timestamp where the lifetime belongs.
        long before = Instant.now().getEpochSecond();
        AgoraToken token = parser.parse(signer.buildRtcToken("live-room-17", 7L, AgoraRole.PUBLISHER, 3600, 3600));
        long after = Instant.now().getEpochSecond();

        assertTrue(token.issueTs() >= before && token.issueTs() <= after, "issueTs is the current time");
        assertEquals(3600, token.expireSeconds());
        assertTrue(token.privileges().values().stream().allMatch(v -> v == 3600L));
    }

    // ---- uid encoding ----

    @Test
    void uidAboveSignedIntRangeStaysUnsigned() {
        assertEquals("2882341273", uidOf(fixedSigner.buildRtcToken(CHANNEL, 2882341273L, AgoraRole.PUBLISHER, 600, 600)));
        assertEquals("4294967295", uidOf(fixedSigner.buildRtcToken(CHANNEL, 4294967295L, AgoraRole.PUBLISHER, 600, 600)));
    }

    @Test
    void uidZeroIsWrittenAsEmptyWildcard() {
        assertEquals("", uidOf(fixedSigner.buildRtcToken(CHANNEL, 0L, AgoraRole.PUBLISHER, 600, 600)));
    }

    @Test
    void uidOutsideUnsigned32BitRangeIsRejected() {
        assertRejected(() -> signer.buildRtcToken(CHANNEL, -1L, AgoraRole.PUBLISHER, 600, 600), "uid");
        assertRejected(() -> signer.buildRtcToken(CHANNEL, 4294967296L, AgoraRole.PUBLISHER, 600, 600), "uid");
    }

    @Test
    void stringAccountIsWrittenUnchanged() {
        for (String account : new String[] {"buyer-42@bazaar", "0042", "käufer ✓", "2882341273"}) {
            assertEquals(account, uidOf(fixedSigner.buildRtcToken(CHANNEL, account, AgoraRole.SUBSCRIBER, 600, 600)));
        }
    }

    @Test
    void missingChannelOrAccountIsRejected() {
        assertRejected(() -> signer.buildRtcToken("", 1L, AgoraRole.PUBLISHER, 600, 600), "channelName");
        assertRejected(() -> signer.buildRtcToken(null, 1L, AgoraRole.PUBLISHER, 600, 600), "channelName");
        assertRejected(() -> signer.buildRtcToken(CHANNEL, (String) null, AgoraRole.PUBLISHER, 600, 600), "userAccount");
    }

    // ---- lifetimes ----

    @Test
    void lifetimesAreCappedAtTwentyFourHours() {
        AgoraTokenSigner.SignedRtcToken signed =
                fixedSigner.signRtcToken(CHANNEL, 42L, AgoraRole.PUBLISHER, 100_000, 100_000);
        AgoraToken token = parser.parse(signed.token());

        assertEquals(86_400, token.expireSeconds());
        assertEquals(Map.of(1, 86_400L, 2, 86_400L, 3, 86_400L, 4, 86_400L), token.privileges());
        assertEquals(NOW.plusSeconds(86_400), signed.expiresAt()); // API reports the capped lifetime
    }

    @Test
    void privilegeNeverOutlivesToken() {
        AgoraToken token = parser.parse(fixedSigner.buildRtcToken(CHANNEL, 42L, AgoraRole.PUBLISHER, 3600, 7200));
        assertEquals(3600, token.expireSeconds());
        assertEquals(Map.of(1, 3600L, 2, 3600L, 3, 3600L, 4, 3600L), token.privileges());

        AgoraToken capped = parser.parse(fixedSigner.buildRtcToken(CHANNEL, 42L, AgoraRole.SUBSCRIBER, 100_000, 90_000));
        assertEquals(Map.of(1, 86_400L), capped.privileges());
    }

    @Test
    void nonPositiveLifetimesAreRejected() {
        assertRejected(() -> signer.buildRtcToken(CHANNEL, 1L, AgoraRole.PUBLISHER, 0, 600), "tokenLifetimeSeconds");
        assertRejected(() -> signer.buildRtcToken(CHANNEL, 1L, AgoraRole.PUBLISHER, -600, 600), "tokenLifetimeSeconds");
        assertRejected(() -> signer.buildRtcToken(CHANNEL, 1L, AgoraRole.PUBLISHER, 600, 0), "privilegeLifetimeSeconds");
        assertRejected(() -> signer.buildRtcToken(CHANNEL, "acct", AgoraRole.PUBLISHER, 600, -1), "privilegeLifetimeSeconds");
    }

    // ---- verification ----

    @Test
    void tamperedSignatureIsRejected() {
        // content = u16 length (2 bytes) + 32-byte signature + signing info; flip a byte inside the signature.
        String tampered = recompress(VECTOR_UID_2882341273, content -> flip(content, 10));
        assertRejected(() -> parser.parse(tampered), "signature");
    }

    @Test
    void tamperedSigningInfoIsRejected() {
        // Byte 2 + 32 + 2 + 32 + 4 is the first byte of expire: a longer lifetime must not verify.
        String tampered = recompress(VECTOR_UID_2882341273, content -> flip(content, 72));
        assertRejected(() -> parser.parse(tampered), "signature");
    }

    @Test
    void wrongCertificateIsRejected() {
        String token = signer.buildRtcToken(CHANNEL, 42L, AgoraRole.PUBLISHER, 600, 600);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AgoraTokenParser(OTHER_CERTIFICATE).parse(token));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
        assertFalse(e.getMessage().contains(OTHER_CERTIFICATE));
    }

    @Test
    void malformedTokensAreRejected() {
        assertRejected(() -> parser.parse(null), "prefix");
        assertRejected(() -> parser.parse("006" + VECTOR_UID_0.substring(3)), "prefix");
        assertRejected(() -> parser.parse("007***not base64***"), "Base64");
        assertRejected(() -> parser.parse("007" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5})), "zlib");
        // Token string cut short: either the Base64 no longer decodes or the zlib stream ends early.
        assertRejected(() -> parser.parse(VECTOR_UID_0.substring(0, 60)), "token body");
        assertRejected(() -> parser.parse(VECTOR_UID_0.substring(0, VECTOR_UID_0.length() - 4)), "token body");
        // Valid zlib of a cut-short payload.
        assertRejected(() -> parser.parse(recompress(VECTOR_UID_0, c -> Arrays.copyOf(c, c.length - 5))), "truncated");
        assertRejected(() -> parser.parse(recompress(VECTOR_UID_0, c -> Arrays.copyOf(c, 20))), "truncated");
        // Extra bytes after the RTC service.
        assertRejected(() -> parser.parse(recompress(VECTOR_UID_0, c -> Arrays.copyOf(c, c.length + 1))), "trailing");
    }

    // ---- credentials ----

    @Test
    void invalidAppIdIsRejectedAtConstruction() {
        assertRejected(() -> new AgoraTokenSigner(null, APP_CERTIFICATE), "appId");
        assertRejected(() -> new AgoraTokenSigner(APP_ID.substring(1), APP_CERTIFICATE), "appId");
        assertRejected(() -> new AgoraTokenSigner(APP_ID + "0", APP_CERTIFICATE), "appId");
        assertRejected(() -> new AgoraTokenSigner("g" + APP_ID.substring(1), APP_CERTIFICATE), "appId");
    }

    @Test
    void invalidCertificateIsRejectedWithoutRevealingIt() {
        String[] badCertificates = {
            APP_CERTIFICATE.substring(1), APP_CERTIFICATE + "a", "z" + APP_CERTIFICATE.substring(1), " " + APP_CERTIFICATE
        };
        for (String bad : badCertificates) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AgoraTokenSigner(APP_ID, bad));
            assertTrue(e.getMessage().contains("certificate"), e.getMessage());
            assertFalse(e.getMessage().contains(APP_CERTIFICATE.substring(1, 31)), "message leaks the certificate");
            assertRejected(() -> new AgoraTokenParser(bad), "certificate");
        }
        assertRejected(() -> new AgoraTokenSigner(APP_ID, null), "certificate");
        assertRejected(() -> new AgoraTokenParser(null), "certificate");
    }

    // ---- roles ----

    @Test
    void roleParsesOnlyExactApiNames() {
        assertEquals(AgoraRole.PUBLISHER, AgoraRole.parse("publisher"));
        assertEquals(AgoraRole.SUBSCRIBER, AgoraRole.parse("subscriber"));
        assertEquals("publisher", AgoraRole.PUBLISHER.apiName());
        assertEquals("subscriber", AgoraRole.SUBSCRIBER.apiName());
        for (String bad : new String[] {null, "", "Publisher", "PUBLISHER", " subscriber", "admin", "host", "audience"}) {
            assertRejected(() -> AgoraRole.parse(bad), "role");
        }
    }

    // ---- helpers ----

    private String uidOf(String token) {
        return parser.parse(token).uid();
    }

    private static void assertRejected(Executable call, String messageFragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(messageFragment),
                "expected message containing \"" + messageFragment + "\" but was: " + e.getMessage());
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
        assertNotEquals(0, actual.length);
    }

    private static byte[] flip(byte[] content, int index) {
        byte[] copy = content.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    /** Decodes a token, rewrites its inflated content and re-encodes it, so only the edit differs. */
    private static String recompress(String token, UnaryOperator<byte[]> edit) {
        byte[] content = edit.apply(inflate(token));
        Deflater deflater = new Deflater();
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return "007" + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static byte[] inflate(String token) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(token.substring(3)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        try {
            while (!inflater.finished()) {
                out.write(buffer, 0, inflater.inflate(buffer));
            }
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
