package com.streambazaar.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** analytics-service settings. The figures' definitions (30 s rejoin, 5 min engagement, ...) are METRICS.md's, not settings. */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** A realtime replica silent (no heartbeat, no presence event) for longer than this is dead. */
    @WithDefault("15s")
    Duration replicaTimeout();

    /**
     * While presence events keep arriving, silence is measured against the newest instant any replica was seen at;
     * once no event arrived for this long, against the clock (so replicas that all died at once are noticed too).
     */
    @WithDefault("2m")
    Duration replicaQuietStream();

    /** How often replicas are checked for silence. */
    @WithDefault("5s")
    Duration replicaSweepInterval();

    /**
     * A batch of room activity is applied as this many transactions at once, each with the events of a disjoint set
     * of viewers (so one busy session still uses several cores); they meet only on the session's shared rows.
     */
    @WithDefault("2")
    int ingestLanes();

    /** Publishing of live figures on bazaar.session-stats.v1. */
    Stats stats();

    interface Stats {

        /** Turns publishing off on this replica (another replica may still publish). */
        @WithDefault("true")
        boolean enabled();

        /** How often every live session's figures are published. */
        @WithDefault("2s")
        Duration interval();

        /** How long the publisher's lease lasts without renewal; another replica takes over after it lapses. */
        @WithDefault("10s")
        Duration lease();

        /** An ended session's figures are still published this long after its end, so the final ones get out. */
        @WithDefault("10s")
        Duration afterEnd();
    }
}
