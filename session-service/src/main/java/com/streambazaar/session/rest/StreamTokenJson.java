package com.streambazaar.session.rest;

import com.streambazaar.session.service.StreamToken;

import java.time.Instant;
import java.util.UUID;

/** An Agora RTC token for one session: {@code expiresAt} is issue time + the lifetime written into the token. */
public record StreamTokenJson(UUID sessionId, String channelName, String token, long uid, String appId,
                              Instant expiresAt, String role) {

    public static StreamTokenJson of(StreamToken token) {
        return new StreamTokenJson(token.sessionId(), token.channelName(), token.token(), token.uid(), token.appId(),
                token.expiresAt(), token.role());
    }
}
