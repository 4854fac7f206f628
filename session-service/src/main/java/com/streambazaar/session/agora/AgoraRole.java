package com.streambazaar.session.agora;

import java.util.Map;
import java.util.TreeMap;

/**
 * The role a participant takes in an Agora RTC channel, as named in our API.
 * The role decides which RTC privileges go into the token.
 */
public enum AgoraRole {

    /** Sends audio, video and data: joinChannel plus all three publish privileges. */
    PUBLISHER("publisher"),

    /** Only watches: joinChannel alone, so the SDK refuses to publish with this token. */
    SUBSCRIBER("subscriber");

    // RTC privilege keys from the AccessToken2 format (see design/AGORA.md).
    static final int PRIVILEGE_JOIN_CHANNEL = 1;
    static final int PRIVILEGE_PUBLISH_AUDIO = 2;
    static final int PRIVILEGE_PUBLISH_VIDEO = 3;
    static final int PRIVILEGE_PUBLISH_DATA_STREAM = 4;

    private final String apiName;

    AgoraRole(String apiName) {
        this.apiName = apiName;
    }

    /** The string used for this role in API requests and responses. */
    public String apiName() {
        return apiName;
    }

    /**
     * Parses the API string exactly ("publisher" or "subscriber"). Anything else is rejected
     * rather than defaulted, so a typo never silently grants or withholds publish rights.
     */
    public static AgoraRole parse(String value) {
        for (AgoraRole role : values()) {
            if (role.apiName.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "role must be \"publisher\" or \"subscriber\", got " + (value == null ? "null" : "\"" + value + "\""));
    }

    /** The privilege map for this role, every privilege valued with the same lifetime, ascending by key. */
    Map<Integer, Long> privileges(long privilegeLifetimeSeconds) {
        Map<Integer, Long> privileges = new TreeMap<>();
        privileges.put(PRIVILEGE_JOIN_CHANNEL, privilegeLifetimeSeconds);
        if (this == PUBLISHER) {
            privileges.put(PRIVILEGE_PUBLISH_AUDIO, privilegeLifetimeSeconds);
            privileges.put(PRIVILEGE_PUBLISH_VIDEO, privilegeLifetimeSeconds);
            privileges.put(PRIVILEGE_PUBLISH_DATA_STREAM, privilegeLifetimeSeconds);
        }
        return privileges;
    }
}
