package com.streambazaar.session.rest;

import com.streambazaar.session.service.StreamToken;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An Agora RTC token for one session: {@code expiresAt} is issue time + the lifetime written into the token. */
@Schema(name = "StreamToken", requiredProperties = {"sessionId", "channelName", "token", "uid", "appId", "expiresAt",
        "role"})
public record StreamTokenJson(UUID sessionId, String channelName, String token,
                              @Schema(description = "The Agora uid: the user id, or 0 for a guest") long uid,
                              String appId, Instant expiresAt,
                              @Schema(enumeration = {"publisher", "subscriber"}) String role) {

    public static StreamTokenJson of(StreamToken token) {
        return new StreamTokenJson(token.sessionId(), token.channelName(), token.token(), token.uid(), token.appId(),
                token.expiresAt(), token.role());
    }
}
