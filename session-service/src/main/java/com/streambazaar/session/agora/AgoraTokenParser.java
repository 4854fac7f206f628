package com.streambazaar.session.agora;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes an Agora AccessToken2 ("007") RTC token and verifies its signature against an app
 * certificate. Used by tests and the admin diagnostics endpoint; Agora itself is the real verifier.
 *
 * <p>Every malformed input — wrong prefix, bad Base64 or zlib, truncated or trailing data, an
 * unsupported service, a signature mismatch — is an {@link IllegalArgumentException}. Messages
 * never contain the certificate or the token.
 */
public final class AgoraTokenParser {

    // A real RTC token inflates to a few hundred bytes; the cap stops a crafted zlib bomb.
    private static final int MAX_INFLATED_BYTES = 64 * 1024;

    private final byte[] appCertificate;

    /**
     * @throws IllegalArgumentException if appCertificate is not exactly 32 hex characters
     */
    public AgoraTokenParser(String appCertificate) {
        this.appCertificate = AgoraTokenSigner.requireHex32(appCertificate, "Agora app certificate")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decodes and verifies a token.
     *
     * @throws IllegalArgumentException if the token is malformed or was not signed with this certificate
     */
    public AgoraToken parse(String token) {
        if (token == null || !token.startsWith(AgoraTokenSigner.VERSION_PREFIX)) {
            throw new IllegalArgumentException("not an AccessToken2 token: expected the prefix \""
                    + AgoraTokenSigner.VERSION_PREFIX + "\"");
        }
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(token.substring(AgoraTokenSigner.VERSION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token body is not valid standard Base64", e);
        }
        LittleEndianReader content = new LittleEndianReader(inflate(compressed));

        byte[] signature = content.bytes();
        if (signature.length != AgoraTokenSigner.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("token signature must be " + AgoraTokenSigner.SIGNATURE_LENGTH
                    + " bytes, got " + signature.length);
        }
        // The signature covers everything after it byte for byte, so keep those raw bytes to verify.
        byte[] signingInfo = content.rest();
        LittleEndianReader info = new LittleEndianReader(signingInfo);
        String appId = info.string();
        long issueTs = info.u32();
        long expireSeconds = info.u32();
        long salt = info.u32();
        // Read the whole structure before checking the signature, so a truncated token is reported
        // as truncated rather than as a mere signature mismatch.
        int serviceCount = info.u16();
        String channelName = null;
        String uid = null;
        Map<Integer, Long> privileges = null;
        for (int i = 0; i < serviceCount; i++) {
            int type = info.u16();
            if (type != AgoraTokenSigner.SERVICE_TYPE_RTC) {
                // Other service types carry type-specific fields we do not know how to skip.
                throw new IllegalArgumentException("unsupported service type " + type + " in token; only RTC (1) is supported");
            }
            if (privileges != null) {
                throw new IllegalArgumentException("token contains the RTC service more than once");
            }
            privileges = info.privileges();
            channelName = info.string();
            uid = info.string();
        }
        if (info.remaining() != 0) {
            throw new IllegalArgumentException("token has " + info.remaining() + " unexpected trailing bytes");
        }

        byte[] expected = AgoraTokenSigner.signature(appCertificate, issueTs, salt, signingInfo);
        if (!MessageDigest.isEqual(expected, signature)) { // constant time: no timing oracle on the signature
            throw new IllegalArgumentException("token signature does not match the app certificate");
        }
        if (privileges == null) {
            throw new IllegalArgumentException("token contains no RTC service");
        }
        return new AgoraToken(appId, issueTs, expireSeconds, salt, channelName, uid, privileges);
    }

    private static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater(); // zlib wrapper, matching the signer
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("token body is truncated or not valid zlib data");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new IllegalArgumentException("token body inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new IllegalArgumentException("token body has data after the end of the zlib stream");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("token body is not valid zlib data", e);
        } finally {
            inflater.end();
        }
    }

    /** Reads the AccessToken2 primitives, reporting any read past the end as a truncated token. */
    private static final class LittleEndianReader {
        private final byte[] data;
        private int position;

        LittleEndianReader(byte[] data) {
            this.data = data;
        }

        int u16() {
            require(2);
            int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
            position += 2;
            return value;
        }

        long u32() {
            require(4);
            long value = (data[position] & 0xFFL)
                    | (data[position + 1] & 0xFFL) << 8
                    | (data[position + 2] & 0xFFL) << 16
                    | (data[position + 3] & 0xFFL) << 24;
            position += 4;
            return value;
        }

        byte[] bytes() {
            int length = u16();
            require(length);
            byte[] value = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return value;
        }

        String string() {
            try {
                // Strict decoding: malformed UTF-8 is a bad token, not something to paper over with U+FFFD.
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("token contains a string that is not valid UTF-8", e);
            }
        }

        Map<Integer, Long> privileges() {
            int count = u16();
            Map<Integer, Long> privileges = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int key = u16();
                if (privileges.put(key, u32()) != null) {
                    throw new IllegalArgumentException("token repeats privilege " + key);
                }
            }
            return privileges;
        }

        byte[] rest() {
            byte[] value = Arrays.copyOfRange(data, position, data.length);
            position = data.length;
            return value;
        }

        int remaining() {
            return data.length - position;
        }

        private void require(int length) {
            if (data.length - position < length) {
                throw new IllegalArgumentException("token is truncated");
            }
        }
    }
}
