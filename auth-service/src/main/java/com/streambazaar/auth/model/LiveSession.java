package com.streambazaar.auth.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The latest known state of a session, from bazaar.sessions.v1 (read model; session-service owns sessions). */
@Entity
@Table(name = "live_session")
public class LiveSession {

    /** Kept (not deleted) after a session.deleted event, so an older event arriving late cannot revive it. */
    public static final String STATUS_DELETED = "deleted";

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "creator_id", nullable = false)
    public Long creatorId;

    @Column(name = "title")
    public String title;

    @Column(name = "description")
    public String description;

    @Column(name = "category")
    public String category;

    /** JSON array of strings. */
    @Column(name = "tags", nullable = false)
    public String tags;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "agora_channel_name")
    public String agoraChannelName;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
