package com.streambazaar.session.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Read model of {@code bazaar.session-stats.v1}: a session's newest live figures, which rank "trending". */
@Entity
@Table(name = "session_stats")
public class SessionStat {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "current_viewers", nullable = false)
    public int currentViewers;

    @Column(name = "peak_viewers", nullable = false)
    public int peakViewers;

    @Column(name = "total_views", nullable = false)
    public long totalViews;

    @Column(name = "reactions", nullable = false)
    public long reactions;

    @Column(name = "messages", nullable = false)
    public long messages;

    @Column(name = "clicks", nullable = false)
    public long clicks;

    /** reactions + messages + clicks, stored so the ranking can use an index. */
    @Column(name = "engagement", nullable = false)
    public long engagement;

    @Column(name = "at", nullable = false)
    public Instant at;
}
