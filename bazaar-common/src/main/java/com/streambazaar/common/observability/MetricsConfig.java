package com.streambazaar.common.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the business gauges that read the database are refreshed. */
@ConfigMapping(prefix = "bazaar.metrics")
public interface MetricsConfig {

    /**
     * How often a database-backed gauge runs its query. A scrape reads the last value and never waits on the
     * database; the figure is at most this old.
     */
    @WithDefault("10s")
    Duration pollInterval();
}
