package com.streambazaar.auth.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.auth.model.LiveSession;
import com.streambazaar.auth.repository.LiveSessionRepository;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the latest state of every session from bazaar.sessions.v1, for "who is live". Order-safe: a state older
 * than the stored one is ignored, a deleted session stays deleted, an ended one stays ended.
 */
@ApplicationScoped
public class LiveSessionProjection {

    private final LiveSessionRepository sessions;
    private final ObjectMapper mapper;

    public LiveSessionProjection(LiveSessionRepository sessions, ObjectMapper mapper) {
        this.sessions = sessions;
        this.mapper = mapper;
    }

    /** Runs inside the consumer's transaction. */
    public Uni<Void> apply(EventEnvelope envelope, SessionState state) {
        if (state.id() == null || state.status() == null) {
            throw new MalformedEventException("session event " + envelope.eventId() + " has no id or status");
        }
        boolean deleted = SessionState.DELETED.equals(envelope.type());
        String status = deleted ? LiveSession.STATUS_DELETED : state.status();
        Instant updatedAt = state.updatedAt() != null ? state.updatedAt() : envelope.occurredAt();
        return sessions.findById(state.id()).chain(stored -> {
            if (stored != null && !supersedes(stored, status, updatedAt)) {
                return Uni.createFrom().voidItem();
            }
            LiveSession row = stored != null ? stored : new LiveSession();
            row.sessionId = state.id();
            row.creatorId = state.creatorId();
            row.title = state.title();
            row.description = state.description();
            row.category = state.category();
            row.tags = tagsJson(state.tags());
            row.status = status;
            row.startedAt = state.startedAt();
            row.agoraChannelName = state.agoraChannelName();
            row.updatedAt = updatedAt;
            return stored != null ? Uni.createFrom().voidItem() : sessions.persist(row).replaceWithVoid();
        });
    }

    private static boolean supersedes(LiveSession stored, String status, Instant updatedAt) {
        if (LiveSession.STATUS_DELETED.equals(stored.status)) {
            return false;
        }
        if (LiveSession.STATUS_DELETED.equals(status)) {
            return true;
        }
        if (SessionState.STATUS_ENDED.equals(stored.status) && !SessionState.STATUS_ENDED.equals(status)) {
            return false;
        }
        return !updatedAt.isBefore(stored.updatedAt);
    }

    private String tagsJson(List<String> tags) {
        try {
            return mapper.writeValueAsString(tags == null ? List.of() : tags.stream().filter(Objects::nonNull).toList());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("session tags cannot be stored: " + e.getMessage());
        }
    }
}
