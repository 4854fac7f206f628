package com.streambazaar.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read model of a user, kept from {@code bazaar.users.v1} (auth-service owns the truth). */
@Entity
@Table(name = "seller")
public class Seller {

    @Id
    @Column(name = "id", nullable = false)
    public long id;

    @Column(name = "username", nullable = false, columnDefinition = "text")
    public String username;

    @Column(name = "role", nullable = false, columnDefinition = "text")
    public String role;

    @Column(name = "created_at")
    public Instant createdAt;

    /** False once auth-service deactivated the account: its products are hidden and it may not sell. */
    @Column(name = "active", nullable = false)
    public boolean active;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    /** The user's state time; only a newer state replaces this row (events may arrive out of order). */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
