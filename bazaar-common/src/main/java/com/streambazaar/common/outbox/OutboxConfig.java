package com.streambazaar.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay moves committed events to Kafka. */
@ConfigMapping(prefix = "bazaar.outbox")
public interface OutboxConfig {

    /** Turns the relay off (events then stay in the table until a replica with the relay on sends them). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Most events claimed and sent in one round. */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for leftovers even without a commit notification. */
    @WithDefault("2s")
    Duration sweepInterval();

    /** Longest wait before a failed event is tried again (the wait doubles per attempt up to this). */
    @WithDefault("10s")
    Duration maxBackoff();

    /** How long one send may take before it counts as failed (broker down or unreachable). */
    @WithDefault("10s")
    Duration sendTimeout();

    /** How long a claimed event stays reserved for the replica that claimed it. */
    @WithDefault("60s")
    Duration lease();
}
