package com.streambazaar.realtime.service;

import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.realtime.repository.SessionRoomRepository;
import com.streambazaar.realtime.repository.SessionRoomRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory cache of the session_room read model for the hot paths (join, click, creator checks). Kept current by
 * this replica's own bazaar.sessions.v1 fan-out consumer; entries older than a short time are read again from the
 * table (which the shared projection keeps), so a missed fan-out event heals by itself.
 */
@ApplicationScoped
public class RoomDirectory {

    static final long REFRESH_NANOS = Duration.ofSeconds(30).toNanos();
    static final long NEGATIVE_NANOS = Duration.ofSeconds(1).toNanos();

    private final SessionRoomRepository rooms;
    private final Map<UUID, SessionInfo> cache = new ConcurrentHashMap<>();
    private final Map<UUID, Long> unknown = new ConcurrentHashMap<>();

    public RoomDirectory(SessionRoomRepository rooms) {
        this.rooms = rooms;
    }

    /** The session, or null when this service never heard of it. */
    public Uni<SessionInfo> get(UUID sessionId) {
        long now = System.nanoTime();
        SessionInfo cached = cache.get(sessionId);
        if (cached != null && now - cached.loadedAtNanos() < REFRESH_NANOS) {
            return Uni.createFrom().item(cached);
        }
        Long missedAt = unknown.get(sessionId);
        if (cached == null && missedAt != null && now - missedAt < NEGATIVE_NANOS) {
            return Uni.createFrom().nullItem();
        }
        return rooms.find(sessionId).map(row -> {
            if (row == null) {
                unknown.put(sessionId, System.nanoTime());
                if (unknown.size() > 100_000) {
                    unknown.clear();
                }
                return cache.get(sessionId);
            }
            unknown.remove(sessionId);
            return cache.merge(sessionId, of(row, System.nanoTime()), RoomDirectory::mergeFresh);
        });
    }

    /** The cached view without a lookup (null when not cached). */
    public SessionInfo cached(UUID sessionId) {
        return cache.get(sessionId);
    }

    /** Applies a state from the fan-out consumer; returns the view now held. */
    public SessionInfo apply(String eventType, SessionState state) {
        SessionInfo info = new SessionInfo(state.id(), state.creatorId(), state.status(),
                state.productIds() == null ? Set.of() : Set.copyOf(new HashSet<>(state.productIds())),
                state.agoraChannelName(), state.updatedAt(), SessionState.DELETED.equals(eventType), System.nanoTime());
        unknown.remove(state.id());
        return cache.merge(state.id(), info, RoomDirectory::mergeFresh);
    }

    private static SessionInfo mergeFresh(SessionInfo old, SessionInfo incoming) {
        SessionInfo winner = SessionInfo.newer(old, incoming);
        // either way the entry was just confirmed
        return new SessionInfo(winner.sessionId(), winner.creatorId(), winner.status(), winner.productIds(),
                winner.channelName(), winner.updatedAt(), winner.deleted(), incoming.loadedAtNanos());
    }

    static SessionInfo of(SessionRoomRow row, long now) {
        return new SessionInfo(row.sessionId(), row.creatorId(), row.status(), Set.copyOf(row.productIds()),
                row.channelName(), row.updatedAt(), row.deletedAt() != null, now);
    }
}
