package com.streambazaar.session.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read model of a user from {@code bazaar.users.v1}: what a session's creator card shows. */
@Entity
@Table(name = "user_card")
public class UserCard {

    @Id
    @Column(name = "id")
    public Long id;

    @Column(name = "username", nullable = false, length = 50)
    public String username;

    @Column(name = "role", nullable = false, length = 16)
    public String role;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** False once auth-service deactivated the account; a deactivated card never becomes active again. */
    @Column(name = "active", nullable = false)
    public boolean active = true;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;
}
