package com.streambazaar.realtime.service;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ChatRestrictionLifted;
import com.streambazaar.common.event.contract.ChatSettingsChanged;
import com.streambazaar.common.event.contract.ChatUserRestricted;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.realtime.repository.ChatRestrictionRow;
import com.streambazaar.realtime.repository.ChatSettingsRow;
import com.streambazaar.realtime.repository.ModerationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Moderation of a session's chat by its creator or an admin: time-outs, bans, slow mode, guest chat. State lives in
 * the realtime schema (every replica's chat check reads it, so it is effective everywhere at once); each change is also
 * published on bazaar.chat.v1, so every replica tells its connected clients.
 */
@ApplicationScoped
public class ModerationService {

    public static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    public static final int MAX_SLOW_MODE_SECONDS = 3600;

    private final Pool pool;
    private final ModerationRepository moderation;
    private final ChatService chat;
    private final Outbox outbox;
    private final LocalEcho echo;
    private final LocalRoomFeed feed;
    private final WireClock clock;

    public ModerationService(Pool pool, ModerationRepository moderation, ChatService chat, Outbox outbox,
                             LocalEcho echo, LocalRoomFeed feed, WireClock clock) {
        this.pool = pool;
        this.moderation = moderation;
        this.chat = chat;
        this.outbox = outbox;
        this.echo = echo;
        this.feed = feed;
        this.clock = clock;
    }

    public Uni<ChatSettingsRow> settings(UUID sessionId) {
        return chat.existingRoom(sessionId).chain(room -> moderation.settings(pool, sessionId));
    }

    /** Changes the given settings (null = keep). */
    public Uni<ChatSettingsRow> updateSettings(Caller caller, UUID sessionId, Integer slowModeSeconds, Boolean guestChat) {
        if (slowModeSeconds != null && (slowModeSeconds < 0 || slowModeSeconds > MAX_SLOW_MODE_SECONDS)) {
            return Uni.createFrom().failure(ApiException.badRequest("slowModeSeconds",
                    "slowModeSeconds must be a whole number from 0 to " + MAX_SLOW_MODE_SECONDS));
        }
        return managedRoom(caller, sessionId).chain(room -> {
            Instant now = clock.now();
            return pool.withTransaction(connection -> moderation.settings(connection, sessionId).chain(current -> {
                ChatSettingsRow next = new ChatSettingsRow(sessionId,
                        slowModeSeconds != null ? slowModeSeconds : current.slowModeSeconds(),
                        guestChat != null ? guestChat : current.guestChat());
                return moderation.saveSettings(connection, next, caller.userId(), now)
                        .chain(() -> outbox.publish(connection, Topics.CHAT, ChatSettingsChanged.TYPE,
                                sessionId.toString(), new ChatSettingsChanged(sessionId, next.slowModeSeconds(),
                                        next.guestChat(), caller.userId(), now)))
                        .invoke(envelope -> echo.remember(envelope.eventId()))
                        .replaceWith(next);
            })).invoke(next -> feed.chatSettingsChanged(sessionId, next.slowModeSeconds(), next.guestChat()));
        });
    }

    /** Times a user out ({@code seconds} set) or bans them ({@code seconds} null). */
    public Uni<ChatRestrictionRow> restrict(Caller caller, UUID sessionId, long userId, Integer seconds, String reason) {
        if (seconds != null && (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS)) {
            return Uni.createFrom().failure(ApiException.badRequest("durationSeconds",
                    "durationSeconds must be a whole number from 1 to " + MAX_TIMEOUT_SECONDS));
        }
        if (userId <= 0) {
            return Uni.createFrom().failure(ApiException.badRequest("userId", "userId must be a positive integer"));
        }
        String cleanReason = reason == null ? null : ChatText.clean(reason);
        if (cleanReason != null && cleanReason.length() > 200) {
            return Uni.createFrom().failure(ApiException.badRequest("reason", "reason must be at most 200 characters"));
        }
        return managedRoom(caller, sessionId).chain(room -> {
            if (room.creatorId() == userId) {
                throw ApiException.badRequest("userId", "The session's creator cannot be restricted in their own chat");
            }
            Instant now = clock.now();
            String kind = seconds == null ? ChatRestrictionRow.BAN : ChatRestrictionRow.TIMEOUT;
            ChatRestrictionRow row = new ChatRestrictionRow(UUID.randomUUID(), sessionId, userId, kind,
                    seconds == null ? null : now.plusSeconds(seconds), cleanReason, caller.userId(), now);
            return pool.withTransaction(connection -> moderation.insert(connection, row)
                    .chain(() -> outbox.publish(connection, Topics.CHAT, ChatUserRestricted.TYPE, sessionId.toString(),
                            new ChatUserRestricted(sessionId, userId, kind, row.until(), cleanReason, caller.userId(), now)))
                    .invoke(envelope -> echo.remember(envelope.eventId())))
                    .invoke(() -> feed.userRestricted(sessionId, userId, kind, row.until()))
                    .replaceWith(row);
        });
    }

    /** Lifts a user's time-outs and bans; 404 when none is in force. */
    public Uni<Void> lift(Caller caller, UUID sessionId, long userId) {
        return managedRoom(caller, sessionId).chain(room -> {
            Instant now = clock.now();
            return pool.withTransaction(connection -> moderation.lift(connection, sessionId, userId, caller.userId(), now)
                    .chain(lifted -> {
                        if (lifted == 0) {
                            throw ApiException.notFound("User " + userId + " has no time-out or ban in this session");
                        }
                        return outbox.publish(connection, Topics.CHAT, ChatRestrictionLifted.TYPE, sessionId.toString(),
                                new ChatRestrictionLifted(sessionId, userId, caller.userId(), now));
                    })
                    .invoke(envelope -> echo.remember(envelope.eventId())))
                    .invoke(() -> feed.userRestricted(sessionId, userId, "lifted", null))
                    .replaceWithVoid();
        });
    }

    /** Restrictions in force, for moderators. */
    public Uni<List<ChatRestrictionRow>> active(Caller caller, UUID sessionId) {
        return managedRoom(caller, sessionId).chain(room -> moderation.active(pool, sessionId, null, clock.now()));
    }

    private Uni<SessionInfo> managedRoom(Caller caller, UUID sessionId) {
        return chat.existingRoom(sessionId).map(room -> {
            if (!caller.mayManage(room.creatorId())) {
                throw ApiException.forbidden("Only the session's creator or an admin can moderate its chat");
            }
            return room;
        });
    }
}
