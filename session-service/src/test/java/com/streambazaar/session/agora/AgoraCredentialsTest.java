package com.streambazaar.session.agora;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up checks of the Agora configuration (the service refuses to start on any of these failures). */
class AgoraCredentialsTest {

    private static final String APP_ID = "970CA35de60c44645bbae8a215061b33";
    private static final String CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";

    @Test
    void configuredPairSignsTokensOurParserVerifies() {
        AgoraCredentials credentials = new AgoraCredentials(Optional.of(APP_ID), Optional.of(" " + CERTIFICATE + " "),
                3600, 1800);
        assertFalse(credentials.development());
        assertEquals(APP_ID, credentials.appId());
        String token = credentials.signer().buildRtcToken("c", 7, AgoraRole.PUBLISHER, 3600, 1800);
        AgoraToken decoded = credentials.parser().parse(token);
        assertEquals(3600, decoded.expireSeconds());
        assertEquals(1800L, decoded.privileges().get(1));
        assertEquals("7", decoded.uid());
    }

    @Test
    void nothingConfiguredMeansARandomDevelopmentPair() {
        AgoraCredentials first = new AgoraCredentials(Optional.empty(), Optional.of("  "), 3600, 3600);
        AgoraCredentials second = new AgoraCredentials(Optional.empty(), Optional.empty(), 3600, 3600);
        assertTrue(first.development());
        assertTrue(first.appId().matches("[0-9a-f]{32}"));
        assertNotEquals(first.appId(), second.appId(), "never a fixed, committed pair");
        first.parser().parse(first.signer().buildRtcToken("c", 0, AgoraRole.SUBSCRIBER, 60, 60));
    }

    @Test
    void invalidConfigurationStopsStartUpWithAClearMessage() {
        IllegalStateException onlyId = assertThrows(IllegalStateException.class,
                () -> new AgoraCredentials(Optional.of(APP_ID), Optional.empty(), 3600, 3600));
        assertTrue(onlyId.getMessage().contains("AGORA_APP_CERTIFICATE"));

        IllegalStateException badCertificate = assertThrows(IllegalStateException.class,
                () -> new AgoraCredentials(Optional.of(APP_ID), Optional.of("not-hex-at-all"), 3600, 3600));
        assertTrue(badCertificate.getMessage().contains("32 hex"));
        assertFalse(badCertificate.getMessage().contains("not-hex-at-all"), "never echo the secret");

        assertThrows(IllegalStateException.class,
                () -> new AgoraCredentials(Optional.of("xyz"), Optional.of(CERTIFICATE), 3600, 3600));
        IllegalStateException tooLong = assertThrows(IllegalStateException.class,
                () -> new AgoraCredentials(Optional.empty(), Optional.empty(), 86_401, 3600));
        assertTrue(tooLong.getMessage().contains("bazaar.agora.token-lifetime"));
        assertThrows(IllegalStateException.class,
                () -> new AgoraCredentials(Optional.empty(), Optional.empty(), 3600, 0));
    }
}
