package com.streambazaar.realtime.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Local read model of a session, kept from bazaar.sessions.v1: enough to admit or refuse room traffic. */
@Entity
@Table(name = "session_room")
public class SessionRoom extends PanacheEntityBase {
    @Id
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "creator_id", nullable = false)
    public long creatorId;
    @Column(nullable = false)
    public String status;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
