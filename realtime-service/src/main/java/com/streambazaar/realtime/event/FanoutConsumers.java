package com.streambazaar.realtime.event;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.ChatMessageDeleted;
import com.streambazaar.common.event.contract.ChatMessagePosted;
import com.streambazaar.common.event.contract.ChatRestrictionLifted;
import com.streambazaar.common.event.contract.ChatSettingsChanged;
import com.streambazaar.common.event.contract.ChatUserRestricted;
import com.streambazaar.common.event.contract.ReactionSent;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.event.contract.SessionStats;
import com.streambazaar.realtime.service.ChatMessageView;
import com.streambazaar.realtime.service.LocalEcho;
import com.streambazaar.realtime.service.RoomEngine;
import com.streambazaar.realtime.service.ViewerIds;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * This replica's own view of the room topics (a consumer group per replica, from the latest offset): what happened on
 * other replicas reaches this replica's rooms. Events this replica published itself were delivered locally already
 * and are skipped ({@link LocalEcho}). Nothing here writes state; a chat message delivered again (redelivery, or an
 * own one back after a long broker outage) is shown once all the same: the room remembers what it showed.
 */
@ApplicationScoped
public class FanoutConsumers {

    private final EventJson json;
    private final RoomEngine engine;
    private final LocalEcho echo;

    public FanoutConsumers(EventJson json, RoomEngine engine, LocalEcho echo) {
        this.json = json;
        this.engine = engine;
        this.echo = echo;
    }

    @Incoming("chat-fanout")
    public void chat(List<String> records) {
        for (String record : records) {
            EventEnvelope envelope = read(record);
            if (envelope == null || echo.isOwn(envelope.eventId())) {
                continue;
            }
            try {
                switch (envelope.type()) {
                    case ChatMessagePosted.TYPE -> {
                        ChatMessagePosted posted = json.data(envelope, ChatMessagePosted.class);
                        String name = posted.userId() != null ? posted.username()
                                : posted.guestName() != null ? posted.guestName() : ViewerIds.guestName(posted.viewerId());
                        engine.chatPosted(new ChatMessageView.NewMessage(posted.messageId(), posted.message(),
                                posted.userId(), name, posted.sessionId(), posted.at(), posted.userId() == null));
                    }
                    case ChatMessageDeleted.TYPE -> {
                        ChatMessageDeleted deleted = json.data(envelope, ChatMessageDeleted.class);
                        engine.chatDeleted(deleted.sessionId(), deleted.messageId());
                    }
                    case ChatSettingsChanged.TYPE -> {
                        ChatSettingsChanged changed = json.data(envelope, ChatSettingsChanged.class);
                        engine.chatSettingsChanged(changed.sessionId(), changed.slowModeSeconds(), changed.guestChat());
                    }
                    case ChatUserRestricted.TYPE -> {
                        ChatUserRestricted restricted = json.data(envelope, ChatUserRestricted.class);
                        engine.userRestricted(restricted.sessionId(), restricted.userId(), restricted.kind(),
                                restricted.until());
                    }
                    case ChatRestrictionLifted.TYPE -> {
                        ChatRestrictionLifted lifted = json.data(envelope, ChatRestrictionLifted.class);
                        engine.userRestricted(lifted.sessionId(), lifted.userId(), "lifted", null);
                    }
                    default -> {
                        // other chat events are not for rooms
                    }
                }
            } catch (MalformedEventException e) {
                skip(envelope, e);
            }
        }
    }

    @Incoming("reactions-fanout")
    public void reactions(List<String> records) {
        for (String record : records) {
            EventEnvelope envelope = read(record);
            if (envelope == null || !ReactionSent.SENT.equals(envelope.type()) || echo.isOwn(envelope.eventId())) {
                continue;
            }
            try {
                ReactionSent reaction = json.data(envelope, ReactionSent.class);
                engine.remoteReaction(reaction.sessionId(), reaction.type(), reaction.at());
            } catch (MalformedEventException e) {
                skip(envelope, e);
            }
        }
    }

    @Incoming("presence-fanout")
    public void presence(List<String> records) {
        for (String record : records) {
            // viewer.joined / viewer.left are analytics' business; only heartbeats make counts
            if (!record.contains(RoomHeartbeat.TYPE)) {
                continue;
            }
            EventEnvelope envelope = read(record);
            if (envelope == null || !RoomHeartbeat.TYPE.equals(envelope.type())) {
                continue;
            }
            try {
                engine.heartbeat(json.data(envelope, RoomHeartbeat.class));
            } catch (MalformedEventException e) {
                skip(envelope, e);
            }
        }
    }

    @Incoming("sessions-fanout")
    public void sessions(List<String> records) {
        for (String record : records) {
            EventEnvelope envelope = read(record);
            if (envelope == null) {
                continue;
            }
            try {
                engine.sessionChanged(envelope.type(), json.data(envelope, SessionState.class));
            } catch (MalformedEventException e) {
                skip(envelope, e);
            }
        }
    }

    @Incoming("session-stats")
    public void stats(List<String> records) {
        for (String record : records) {
            EventEnvelope envelope = read(record);
            if (envelope == null || !SessionStats.TYPE.equals(envelope.type())) {
                continue;
            }
            try {
                engine.stats(json.data(envelope, SessionStats.class));
            } catch (MalformedEventException e) {
                skip(envelope, e);
            }
        }
    }

    private EventEnvelope read(String record) {
        try {
            return json.read(record);
        } catch (MalformedEventException e) {
            Log.warnf("Fan-out: skipping a record that is not an event envelope: %s", e.getMessage());
            return null;
        }
    }

    private static void skip(EventEnvelope envelope, MalformedEventException e) {
        Log.warnf("Fan-out: skipping event %s (%s) with invalid data: %s", envelope.eventId(), envelope.type(),
                e.getMessage());
    }
}
