package com.streambazaar.session.agora;

import com.streambazaar.session.config.AgoraConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signer and parser built from configuration, checked at start-up: a configured but invalid App ID or
 * certificate, only one of the two, or a lifetime outside 1..86400 s stops the service with a clear message.
 * With neither configured, a random development pair is generated (tokens then work for our own parser only,
 * never with Agora), flagged by a WARN at start-up and by {@code development: true} in {@code /api/test-agora}.
 */
@Startup
@Singleton
public class AgoraCredentials {

    private final AgoraTokenSigner signer;
    private final AgoraTokenParser parser;
    private final boolean development;
    private final int tokenLifetime;
    private final int privilegeLifetime;

    @Inject
    public AgoraCredentials(AgoraConfig config) {
        this(config.appId(), config.appCertificate(), config.tokenLifetime(), config.privilegeLifetime());
    }

    AgoraCredentials(Optional<String> appId, Optional<String> appCertificate, int tokenLifetime,
                     int privilegeLifetime) {
        this.tokenLifetime = lifetime(tokenLifetime, "bazaar.agora.token-lifetime");
        this.privilegeLifetime = lifetime(privilegeLifetime, "bazaar.agora.privilege-lifetime");
        Optional<String> id = appId.map(String::trim).filter(v -> !v.isEmpty());
        Optional<String> certificate = appCertificate.map(String::trim).filter(v -> !v.isEmpty());
        if (id.isEmpty() && certificate.isEmpty()) {
            HexFormat hex = HexFormat.of();
            SecureRandom random = new SecureRandom();
            byte[] idBytes = new byte[16];
            byte[] certificateBytes = new byte[16];
            random.nextBytes(idBytes);
            random.nextBytes(certificateBytes);
            this.signer = new AgoraTokenSigner(hex.formatHex(idBytes), hex.formatHex(certificateBytes));
            this.parser = new AgoraTokenParser(hex.formatHex(certificateBytes));
            this.development = true;
            Log.warnf("Agora credentials are not configured (AGORA_APP_ID / AGORA_APP_CERTIFICATE): using a random "
                    + "DEVELOPMENT pair (app id %s). Stream tokens will NOT be accepted by Agora.", signer.appId());
            return;
        }
        if (id.isEmpty() || certificate.isEmpty()) {
            throw new IllegalStateException("Agora configuration is incomplete: set both AGORA_APP_ID "
                    + "(bazaar.agora.app-id) and AGORA_APP_CERTIFICATE (bazaar.agora.app-certificate), or neither "
                    + "for development credentials");
        }
        try {
            this.signer = new AgoraTokenSigner(id.get(), certificate.get());
            this.parser = new AgoraTokenParser(certificate.get());
        } catch (IllegalArgumentException e) {
            // the signer's message names the setting, never its value
            throw new IllegalStateException("Invalid Agora configuration: " + e.getMessage()
                    + " (AGORA_APP_ID / AGORA_APP_CERTIFICATE must each be 32 hex characters)");
        }
        this.development = false;
        Log.infof("Agora tokens are signed for app id %s (token lifetime %d s, privilege lifetime %d s)",
                signer.appId(), this.tokenLifetime, this.privilegeLifetime);
    }

    private static int lifetime(int seconds, String name) {
        if (seconds < 1 || seconds > AgoraTokenSigner.MAX_LIFETIME_SECONDS) {
            throw new IllegalStateException(name + " must be between 1 and " + AgoraTokenSigner.MAX_LIFETIME_SECONDS
                    + " seconds (Agora's 24 h maximum), got " + seconds);
        }
        return seconds;
    }

    public AgoraTokenSigner signer() {
        return signer;
    }

    public AgoraTokenParser parser() {
        return parser;
    }

    public String appId() {
        return signer.appId();
    }

    /** True when running on the generated development pair. */
    public boolean development() {
        return development;
    }

    public int tokenLifetime() {
        return tokenLifetime;
    }

    public int privilegeLifetime() {
        return privilegeLifetime;
    }
}
