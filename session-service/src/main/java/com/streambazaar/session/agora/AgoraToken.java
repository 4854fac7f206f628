package com.streambazaar.session.agora;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The decoded, signature-verified contents of an Agora AccessToken2 ("007") RTC token.
 *
 * <p>{@code expireSeconds} and the privilege values are seconds counted from {@code issueTs},
 * exactly as carried in the token, not absolute times; use {@link #expiresAt()} for the instant.
 *
 * @param appId         the Agora app the token was signed for
 * @param issueTs       Unix seconds at which the token was built
 * @param expireSeconds token lifetime in seconds from {@code issueTs}
 * @param salt          the random salt, as an unsigned 32-bit value
 * @param channelName   the RTC channel the token admits to
 * @param uid           the uid as carried in the token: "" means any uid, otherwise an unsigned
 *                      decimal uid or a string user account
 * @param privileges    RTC privilege key to lifetime in seconds from {@code issueTs}, ascending by key
 */
public record AgoraToken(
        String appId,
        long issueTs,
        long expireSeconds,
        long salt,
        String channelName,
        String uid,
        Map<Integer, Long> privileges) {

    public AgoraToken {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(channelName, "channelName");
        Objects.requireNonNull(uid, "uid");
        // Sorted and read-only, so equality and iteration order match the wire format.
        privileges = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(privileges, "privileges")));
    }

    /** When the token was built. */
    public Instant issuedAt() {
        return Instant.ofEpochSecond(issueTs);
    }

    /** When the token stops being accepted: issueTs + expireSeconds. */
    public Instant expiresAt() {
        return Instant.ofEpochSecond(issueTs + expireSeconds);
    }
}
