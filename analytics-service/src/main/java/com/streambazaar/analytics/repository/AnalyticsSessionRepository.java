package com.streambazaar.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class AnalyticsSessionRepository implements PanacheRepositoryBase<AnalyticsSession, UUID> {
}
