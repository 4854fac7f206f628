package com.streambazaar.analytics.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What analytics knows of a session, kept from bazaar.sessions.v1. */
@Entity
@Table(name = "analytics_session")
public class AnalyticsSession extends PanacheEntityBase {
    @Id
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "creator_id", nullable = false)
    public long creatorId;
    @Column
    public String title;
    @Column(nullable = false)
    public String status;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
