package com.streambazaar.session.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A live shopping session (a creator's show) and its lifecycle state. */
@Entity
@Table(name = "stream_session")
public class StreamSession {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "title", nullable = false, length = 200)
    public String title;

    @Column(name = "description")
    public String description;

    @Column(name = "category", length = 100)
    public String category;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tags", nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Column(name = "status", nullable = false, length = 16)
    public SessionStatus status;

    @Column(name = "stream_url", length = 2048)
    public String streamUrl;

    @Column(name = "stream_key", length = 255)
    public String streamKey;

    @Column(name = "agora_channel_name", nullable = false, length = 64)
    public String agoraChannelName;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "creator_id", nullable = false)
    public long creatorId;

    /** The creator's username from their token at creation: the fallback while the users read model lacks them. */
    @Column(name = "creator_username", length = 50)
    public String creatorUsername;

    @Column(name = "active_product_id")
    public UUID activeProductId;

    @Column(name = "search_text", nullable = false)
    public String searchText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Recomputes what text search matches; call after any change to title, description, category or tags. */
    public void refreshSearchText() {
        StringBuilder text = new StringBuilder(title == null ? "" : title);
        if (description != null) {
            text.append('\n').append(description);
        }
        if (category != null) {
            text.append('\n').append(category);
        }
        for (String tag : tags) {
            text.append('\n').append(tag);
        }
        searchText = text.toString().toLowerCase(Locale.ROOT);
    }
}
