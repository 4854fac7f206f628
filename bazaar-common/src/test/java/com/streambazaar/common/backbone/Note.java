package com.streambazaar.common.backbone;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The state a test service changes; each change is published through the outbox. */
@Entity
@Table(name = "note")
public class Note extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String text;
}
