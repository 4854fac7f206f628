package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code room.heartbeat} on {@code bazaar.presence.v1} (key = session id): a realtime replica is alive and
 * holds {@code viewers} viewers of the session's room. Sent every few seconds while the replica holds any viewer of
 * the room, and once with 0 when its last viewer leaves. The sum over replicas with a fresh heartbeat is the room's
 * viewer count; a replica that stops sending is dead, and its open stays end at its last heartbeat. Heartbeats are
 * ephemeral: one lost while the broker is unreachable is replaced by the next.
 */
public record RoomHeartbeat(UUID sessionId, String replicaId, int viewers, Instant at) {

    public static final String TYPE = "room.heartbeat";
}
