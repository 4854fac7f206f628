package com.streambazaar.session.service;

import java.time.Instant;
import java.util.UUID;

/** An Agora RTC token for one session's channel: {@code expiresAt} is issue time + the lifetime written into it. */
public record StreamToken(UUID sessionId, String channelName, String token, long uid, String appId,
                          Instant expiresAt, String role) {
}
