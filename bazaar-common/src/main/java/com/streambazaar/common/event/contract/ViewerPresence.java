package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code viewer.joined} and {@code viewer.left} on {@code bazaar.presence.v1} (key = session id): one stay of
 * one connection in a session's room, from join to leave or disconnect. realtime-service publishes both ends;
 * analytics-service turns stays into views (METRICS.md: a rejoin of the same viewer within 30 s continues the view).
 *
 * @param viewId       this stay's id, the same in its joined and left events (a rejoin gets a new one)
 * @param viewerId     the viewer identity (METRICS.md): {@code user:<id>}, else {@code device:<deviceId>}, else
 *                     {@code connection:<id>}
 * @param userId       the signed-in viewer, or {@code null} for a guest
 * @param username     the signed-in viewer's name, or {@code null}
 * @param deviceId     the anonymous device id the client sent at join, or {@code null}
 * @param connectionId the socket connection
 * @param replicaId    the realtime replica holding the connection
 * @param protocol     {@code socket.io} or {@code ws}
 * @param at           when the viewer joined (joined) or left (left)
 * @param reason       for left: {@code leave}, {@code disconnect}, {@code session-ended} or {@code shutdown}; null for joined
 */
public record ViewerPresence(UUID sessionId, UUID viewId, String viewerId, Long userId, String username,
                             String deviceId, String connectionId, String replicaId, String protocol, Instant at,
                             String reason) {

    public static final String JOINED = "viewer.joined";
    public static final String LEFT = "viewer.left";

    public static final String REASON_LEAVE = "leave";
    public static final String REASON_DISCONNECT = "disconnect";
    public static final String REASON_SESSION_ENDED = "session-ended";
    public static final String REASON_SHUTDOWN = "shutdown";
}
