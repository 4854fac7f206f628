package com.streambazaar.session.service;

import com.streambazaar.session.agora.AgoraCredentials;
import com.streambazaar.session.agora.AgoraRole;
import com.streambazaar.session.agora.AgoraToken;
import com.streambazaar.session.agora.AgoraTokenSigner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a publisher and a subscriber token for a test channel and decodes them back with our parser, so an operator
 * can check the credentials and lifetimes without an Agora client ({@code GET /api/test-agora}).
 */
@ApplicationScoped
public class AgoraSelfTest {

    static final String TEST_CHANNEL = "bazaar_agora_self_test";

    private static final Map<Integer, String> PRIVILEGE_NAMES = Map.of(1, "joinChannel", 2, "publishAudioStream",
            3, "publishVideoStream", 4, "publishDataStream");

    private final AgoraCredentials credentials;

    public AgoraSelfTest(AgoraCredentials credentials) {
        this.credentials = credentials;
    }

    public record Config(boolean configured, String appId, boolean development, int tokenLifetime,
                         int privilegeLifetime) {
    }

    public record Decoded(String appId, long issueTs, Instant issuedAt, long expireSeconds, Instant expiresAt,
                          long salt, String channelName, String uid, Map<String, Long> privileges) {
    }

    public record Sample(String role, String token, long uid, String channelName, Instant expiresAt, Decoded decoded) {
    }

    public record Result(boolean success, String message, Config config, Sample publisher, Sample subscriber) {
    }

    public Result run(long adminUserId) {
        Sample publisher = sample(AgoraRole.PUBLISHER, adminUserId);
        Sample subscriber = sample(AgoraRole.SUBSCRIBER, 0);
        boolean consistent = publisher.decoded().privileges().size() == 4
                && subscriber.decoded().privileges().size() == 1
                && TEST_CHANNEL.equals(publisher.decoded().channelName());
        String message = credentials.development()
                ? "Agora is NOT configured: tokens are signed with a random development pair and will not be "
                + "accepted by Agora (set AGORA_APP_ID and AGORA_APP_CERTIFICATE)"
                : "Agora is configured; tokens were signed and verified";
        return new Result(consistent, message, new Config(!credentials.development(), credentials.appId(),
                credentials.development(), credentials.tokenLifetime(), credentials.privilegeLifetime()),
                publisher, subscriber);
    }

    private Sample sample(AgoraRole role, long uid) {
        AgoraTokenSigner.SignedRtcToken signed = credentials.signer().signRtcToken(TEST_CHANNEL, uid, role,
                credentials.tokenLifetime(), credentials.privilegeLifetime());
        AgoraToken token = credentials.parser().parse(signed.token());
        Map<String, Long> privileges = new LinkedHashMap<>();
        token.privileges().forEach((key, value) -> privileges.put(PRIVILEGE_NAMES.getOrDefault(key, "privilege" + key),
                value));
        Decoded decoded = new Decoded(token.appId(), token.issueTs(), token.issuedAt(), token.expireSeconds(),
                token.expiresAt(), token.salt(), token.channelName(), token.uid(), privileges);
        return new Sample(role.apiName(), signed.token(), uid, TEST_CHANNEL, signed.expiresAt(), decoded);
    }
}
