package com.streambazaar.session.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A product shown in a session, with its place in the session's list and whether it is featured. */
@Entity
@Table(name = "session_product")
public class SessionProduct {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(name = "featured", nullable = false)
    public boolean featured;

    @Column(name = "display_order", nullable = false)
    public int displayOrder;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A new link of a product to a session. */
    public static SessionProduct of(UUID sessionId, UUID productId, int displayOrder, Instant createdAt) {
        SessionProduct link = new SessionProduct();
        link.id = UUID.randomUUID();
        link.sessionId = sessionId;
        link.productId = productId;
        link.displayOrder = displayOrder;
        link.createdAt = createdAt;
        return link;
    }
}
