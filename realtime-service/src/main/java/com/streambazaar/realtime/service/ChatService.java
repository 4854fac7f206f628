package com.streambazaar.realtime.service;

import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.ChatMessageDeleted;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.outbox.Outbox;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.realtime.config.RealtimeConfig;
import com.streambazaar.realtime.repository.ChatMessageRepository;
import com.streambazaar.realtime.repository.ChatMessageRow;
import com.streambazaar.realtime.repository.ChatRestrictionRow;
import com.streambazaar.realtime.repository.ModerationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat of rooms: a message is stored (with its {@code chat.message-posted} event, in one transaction) before anyone
 * sees it; then this replica's rooms get it at once and the other replicas through Kafka. Moderation (bans, time-outs,
 * slow mode, guest chat) is read from the database inside that transaction, so it holds on every replica at once.
 */
@ApplicationScoped
public class ChatService {

    public static final int HISTORY_DEFAULT = 50;
    public static final int HISTORY_MAX = 100;
    public static final int RESUME_MAX = 200;

    private final Pool pool;
    private final ChatMessageRepository messages;
    private final ModerationRepository moderation;
    private final RoomDirectory directory;
    private final Outbox outbox;
    private final LocalEcho echo;
    private final LocalRoomFeed feed;
    private final WireClock clock;
    private final RealtimeConfig config;
    private final RealtimeMetrics metrics;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> guestAddressBuckets = new ConcurrentHashMap<>();
    private volatile long bucketsSweptAt = System.nanoTime();

    public ChatService(Pool pool, ChatMessageRepository messages, ModerationRepository moderation,
                       RoomDirectory directory, Outbox outbox, LocalEcho echo, LocalRoomFeed feed, WireClock clock,
                       RealtimeConfig config, RealtimeMetrics metrics) {
        this.pool = pool;
        this.messages = messages;
        this.moderation = moderation;
        this.directory = directory;
        this.outbox = outbox;
        this.echo = echo;
        this.feed = feed;
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
    }

    /** Stores and broadcasts a message; refusals are {@link ApiException}s whose message is meant for the author. */
    public Uni<ChatMessageView> post(ChatAuthor author, UUID sessionId, String rawText) {
        String text = ChatText.clean(rawText);
        if (text == null) {
            return Uni.createFrom().failure(ApiException.badRequest("message", "message must not be empty"));
        }
        if (ChatText.tooLong(text)) {
            return Uni.createFrom().failure(ApiException.badRequest("message",
                    "message must be at most " + ChatText.MAX_LENGTH + " characters"));
        }
        return existingRoom(sessionId).chain(room -> {
            Caller caller = author.identity().caller();
            boolean moderator = caller != null && caller.mayManage(room.creatorId());
            if (!moderator && !takeToken(author.viewerId())) {
                return Uni.createFrom().failure(ApiException.tooManyRequests(
                        "You are sending messages too fast; wait a moment", 1));
            }
            if (caller == null && author.clientAddress() != null) {
                long wait = takeGuestToken(author.clientAddress());
                if (wait > 0) {
                    return Uni.createFrom().failure(ApiException.tooManyRequests("Too many guest messages from your "
                            + "network right now; sign in to chat, or wait a moment", wait));
                }
            }
            Instant now = clock.now();
            ChatMessageRow row = new ChatMessageRow(MessageIds.next(now.toEpochMilli()), sessionId,
                    author.identity().userId(), author.identity().username(), caller == null ? null : caller.role(),
                    caller == null ? ViewerIds.guestName(author.viewerId()) : null, author.viewerId(), text, now);
            return pool.withTransaction(connection -> moderation.settings(connection, sessionId)
                    .chain(settings -> {
                        if (caller == null && !settings.guestChat()) {
                            throw ApiException.forbidden("Guests cannot chat in this session: sign in to chat");
                        }
                        Uni<List<ChatRestrictionRow>> restrictions = caller == null || moderator
                                ? Uni.createFrom().item(List.of())
                                : moderation.active(connection, sessionId, caller.userId(), now);
                        return restrictions.chain(active -> {
                            if (!active.isEmpty()) {
                                throw refusalFor(active.get(0));
                            }
                            if (moderator || settings.slowModeSeconds() == 0) {
                                return Uni.createFrom().voidItem();
                            }
                            return messages.lastPostedAt(connection, sessionId, author.viewerId()).invoke(last -> {
                                if (last != null) {
                                    long wait = Duration.between(now, last.plusSeconds(settings.slowModeSeconds()))
                                            .toSeconds();
                                    if (last.plusSeconds(settings.slowModeSeconds()).isAfter(now)) {
                                        throw ApiException.tooManyRequests("Slow mode is on: you can send a message every "
                                                + settings.slowModeSeconds() + " s", Math.max(1, wait));
                                    }
                                }
                            }).replaceWithVoid();
                        });
                    })
                    .chain(() -> messages.insert(connection, row))
                    .chain(() -> outbox.publish(connection, Topics.CHAT, ChatMessagePosted.TYPE, sessionId.toString(),
                            new ChatMessagePosted(row.id(), sessionId, row.userId(), row.username(), row.guestName(),
                                    row.viewerId(), text, now)))
                    .invoke(envelope -> echo.remember(envelope.eventId())))
                    .map(envelope -> ChatMessageView.of(row))
                    .invoke(metrics::chatMessage)
                    .invoke(view -> feed.chatPosted(view.asNewMessage()));
        });
    }

    /** Deletes a message (the session's creator or an admin); the rooms get {@code message-deleted}. */
    public Uni<Void> delete(Caller caller, UUID sessionId, UUID messageId) {
        return existingRoom(sessionId).chain(room -> {
            if (!caller.mayManage(room.creatorId())) {
                throw ApiException.forbidden("Only the session's creator or an admin can delete chat messages");
            }
            Instant now = clock.now();
            return pool.withTransaction(connection -> messages.find(connection, sessionId, messageId)
                    .chain(found -> {
                        if (found == null) {
                            throw ApiException.notFound("Chat message not found");
                        }
                        return messages.markDeleted(connection, messageId, caller.userId(), now);
                    })
                    .chain(() -> outbox.publish(connection, Topics.CHAT, ChatMessageDeleted.TYPE, sessionId.toString(),
                            new ChatMessageDeleted(messageId, sessionId, caller.userId(), now)))
                    .invoke(envelope -> echo.remember(envelope.eventId())))
                    .invoke(() -> feed.chatDeleted(sessionId, messageId))
                    .replaceWithVoid();
        });
    }

    /** Up to {@code limit} messages before the cursor, oldest first; 404 for an unknown session. */
    public Uni<List<ChatMessageView>> history(UUID sessionId, int limit, UUID beforeId, Instant beforeTime) {
        return existingRoom(sessionId)
                .chain(room -> messages.before(sessionId, beforeId, beforeTime, limit))
                .map(rows -> rows.stream().map(ChatMessageView::of).toList());
    }

    /** Messages after the one a reconnecting client saw last (at most {@value #RESUME_MAX}), oldest first. */
    public Uni<List<ChatMessageView>> after(UUID sessionId, UUID lastSeen) {
        return messages.after(sessionId, lastSeen, RESUME_MAX).map(rows -> rows.stream().map(ChatMessageView::of).toList());
    }

    public Uni<Long> count(UUID sessionId) {
        return existingRoom(sessionId).chain(room -> messages.count(sessionId));
    }

    /** The session (404 when unknown or deleted). */
    public Uni<SessionInfo> existingRoom(UUID sessionId) {
        return directory.get(sessionId).map(room -> {
            if (room == null || room.deleted()) {
                throw ApiException.notFound("Session not found");
            }
            return room;
        });
    }

    static ApiException refusalFor(ChatRestrictionRow restriction) {
        if (ChatRestrictionRow.BAN.equals(restriction.kind())) {
            return ApiException.forbidden("You are banned from this session's chat");
        }
        return ApiException.forbidden("You are timed out of this session's chat until "
                + DateTimeFormatter.ISO_INSTANT.format(restriction.until()));
    }

    private boolean takeToken(String viewerId) {
        long now = System.nanoTime();
        if (now - bucketsSweptAt > 60_000_000_000L) {
            bucketsSweptAt = now;
            if (buckets.size() > 100_000) {
                buckets.clear();
            }
        }
        TokenBucket bucket = buckets.computeIfAbsent(viewerId,
                id -> new TokenBucket(config.chatBurst(), config.chatPerSecond(), now));
        synchronized (bucket) {
            return bucket.tryTake(now);
        }
    }

    /** 0 when the address may send one more guest message, else the seconds until it may. */
    private long takeGuestToken(String address) {
        long now = System.nanoTime();
        if (guestAddressBuckets.size() > 100_000) {
            guestAddressBuckets.clear();
        }
        TokenBucket bucket = guestAddressBuckets.computeIfAbsent(address,
                a -> new TokenBucket(config.guestChatPerAddressBurst(), config.guestChatPerAddressPerSecond(), now));
        synchronized (bucket) {
            return bucket.tryTake(now) ? 0 : bucket.secondsUntilNext(now);
        }
    }
}
