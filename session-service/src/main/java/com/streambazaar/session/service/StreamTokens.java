package com.streambazaar.session.service;

import com.streambazaar.session.agora.AgoraCredentials;
import com.streambazaar.session.agora.AgoraRole;
import com.streambazaar.session.agora.AgoraTokenSigner;
import com.streambazaar.session.repository.StreamSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Agora RTC tokens for a session's channel, with the configured lifetimes. */
@ApplicationScoped
public class StreamTokens {

    private final AgoraCredentials credentials;

    public StreamTokens(AgoraCredentials credentials) {
        this.credentials = credentials;
    }

    /** The session's Agora channel: derived from its id, so it is stable and unique (40 bytes). */
    public static String channelName(UUID sessionId) {
        return "session_" + sessionId.toString().replace("-", "");
    }

    /** @param uid the user id, or 0 for a guest (any uid may join with it) */
    public StreamToken issue(StreamSession session, long uid, AgoraRole role) {
        AgoraTokenSigner.SignedRtcToken signed = credentials.signer().signRtcToken(session.agoraChannelName, uid,
                role, credentials.tokenLifetime(), credentials.privilegeLifetime());
        return new StreamToken(session.id, session.agoraChannelName, signed.token(), uid, credentials.appId(),
                signed.expiresAt(), role.apiName());
    }
}
