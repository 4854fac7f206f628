package com.streambazaar.common.observability;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every metric carries {@code application="<service>"}, so dashboards can tell the services apart whatever labels the
 * scraper adds (a scraper's own {@code service} or {@code job} label would clash with, or not exist as, ours).
 */
@Singleton
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter applicationTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(Tags.of("application", application));
    }
}
