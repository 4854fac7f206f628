package com.streambazaar.realtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** realtime-service's own settings (env: BAZAAR_REALTIME_..., except the two named below). */
@ConfigMapping(prefix = "bazaar.realtime")
public interface RealtimeConfig {

    /**
     * This replica's id ({@code [a-z0-9-]{1,63}}, env {@code BAZAAR_REPLICA_ID}); prefixes every Engine.IO sid so the
     * edge routes a polling session to the replica that owns it. Default: a random short id chosen at start
     * ({@link ReplicaIdConfigSource}).
     */
    String replicaId();

    /** session-service's base URL for the creator's showcase (env {@code BAZAAR_SESSION_URL}). */
    @WithDefault("http://127.0.0.1:8082")
    String sessionServiceUrl();

    /** Name of the httpOnly, SameSite cookie holding the access token for same-site web apps. */
    @WithDefault("bazaar_access_token")
    String cookieName();

    /** Engine.IO ping interval announced in the open packet. */
    @WithDefault("25s")
    Duration pingInterval();

    /** How long the server waits for a pong after a ping before it drops the connection. */
    @WithDefault("20s")
    Duration pingTimeout();

    /** Largest Engine.IO payload (bytes) a client may send in one polling request or WebSocket frame. */
    @WithDefault("100000")
    int maxPayload();

    /** How long a dropped Socket.IO connection's rooms and missed events are kept for connection state recovery. */
    @WithDefault("2m")
    Duration recoveryWindow();

    /** Room events kept per room for recovery (the oldest go first). */
    @WithDefault("2000")
    int recoveryEventsPerRoom();

    /** Shortest gap between two {@code viewer-count} frames of one room. */
    @WithDefault("250ms")
    Duration viewerCountInterval();

    /** Reactions of this window go out as one {@code new-reaction} frame per room. */
    @WithDefault("200ms")
    Duration reactionWindow();

    /** Shortest gap between two {@code reaction-stats} frames of one room. */
    @WithDefault("1s")
    Duration reactionStatsInterval();

    /** How often a replica announces its viewers of each room it holds ({@code room.heartbeat}). */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /** A replica whose last heartbeat for a room is older than this is dead for that room's count. */
    @WithDefault("6s")
    Duration heartbeatFreshness();

    /** How often presence, reactions and clicks are written to the outbox (one transaction per batch). */
    @WithDefault("100ms")
    Duration engagementFlushInterval();

    /** Chat messages a user may send in a burst (per-user token bucket). */
    @WithDefault("5")
    int chatBurst();

    /** Chat messages per second a user may keep sending after the burst. */
    @WithDefault("1")
    double chatPerSecond();

    /**
     * Guest chat messages one client address may send in a burst, over all its guest connections: a guest has no
     * account to limit, and opening more connections must not buy more messages. Each replica counts on its own (in
     * memory), so with N replicas an address gets at most N times this.
     */
    @WithDefault("20")
    int guestChatPerAddressBurst();

    /** Guest chat messages per second one client address may keep sending after the burst. */
    @WithDefault("2")
    double guestChatPerAddressPerSecond();

    /** Reactions a connection may send in a burst. */
    @WithDefault("20")
    int reactionBurst();

    /** Reactions per second a connection may keep sending. */
    @WithDefault("10")
    double reactionPerSecond();

    /** Any events per second a connection may keep sending (burst of twice this). */
    @WithDefault("50")
    double eventsPerSecond();

    /** Rooms one connection may be in at once. */
    @WithDefault("20")
    int maxRoomsPerConnection();

    /**
     * How long an event loop may gather broadcasts before writing them (0: write at once; the broadcasts that queued
     * up while it was busy still go out together). A connection gets what gathered in one write: fewer syscalls per
     * delivery at the cost of up to this much latency. 10 ms is invisible next to the video's own delay and, in a busy
     * room, puts a message and the next in one write (docs/benchmarks.md).
     */
    @WithDefault("10ms")
    Duration broadcastCoalesce();
}
