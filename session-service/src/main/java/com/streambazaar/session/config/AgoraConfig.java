package com.streambazaar.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Agora RTC credentials and token lifetimes (design/AGORA.md). Set {@code AGORA_APP_ID} and
 * {@code AGORA_APP_CERTIFICATE} in production; without them the service runs with a random development pair.
 */
@ConfigMapping(prefix = "bazaar.agora")
public interface AgoraConfig {

    /** The Agora project's App ID: 32 hex characters. Unset = development credentials. */
    Optional<String> appId();

    /** The Agora project's primary App Certificate: 32 hex characters. Secret; never logged. */
    Optional<String> appCertificate();

    /** Lifetime of issued RTC tokens in seconds from issue (1..86400). */
    @WithDefault("3600")
    int tokenLifetime();

    /** Lifetime of the RTC privileges in seconds from issue (1..86400; never beyond the token's lifetime). */
    @WithDefault("3600")
    int privilegeLifetime();
}
