package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.time.WireClock;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.repository.StreamSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.streambazaar.session.repository.SessionStatus.ENDED;
import static com.streambazaar.session.repository.SessionStatus.LIVE;
import static com.streambazaar.session.repository.SessionStatus.PAUSED;
import static com.streambazaar.session.repository.SessionStatus.SCHEDULED;

/**
 * The session state machine: scheduled → live ⇄ paused → ended, and scheduled → ended (cancelled).
 * {@code ended} is final; moving to the status a session already has is refused too (409), so every accepted
 * change has exactly one effect and one event. The stream routes and {@code PATCH /status} both come here.
 */
@ApplicationScoped
public class SessionLifecycle {

    private static final Map<SessionStatus, Map<SessionStatus, String>> TRANSITIONS = Map.of(
            SCHEDULED, Map.of(LIVE, SessionState.STARTED, ENDED, SessionState.ENDED),
            LIVE, Map.of(PAUSED, SessionState.PAUSED, ENDED, SessionState.ENDED),
            PAUSED, Map.of(LIVE, SessionState.RESUMED, ENDED, SessionState.ENDED),
            ENDED, Map.of());

    private final SessionEvents events;
    private final WireClock clock;

    public SessionLifecycle(SessionEvents events, WireClock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The event a transition publishes, or null when the transition is not allowed. */
    static String eventOf(SessionStatus from, SessionStatus to) {
        return TRANSITIONS.get(from).get(to);
    }

    /** 409 with the current status when the session cannot move to {@code target}. */
    public static void requireAllowed(StreamSession session, SessionStatus target) {
        if (eventOf(session.status, target) == null) {
            String message = session.status == target
                    ? "Session is already " + target.wire()
                    : session.status == ENDED
                    ? "Session has ended; an ended session cannot change status"
                    : "Session cannot go from " + session.status.wire() + " to " + target.wire();
            throw new ApiException(409, "invalid_status_transition", message,
                    Map.of("currentStatus", session.status.wire()));
        }
    }

    /**
     * Applies the transition to a locked session inside the caller's transaction: timestamps, showcase, events.
     * Publishes {@code extraEvents} (already decided by the caller) before the transition's own event.
     */
    public Uni<SessionSnapshot> moveTo(StreamSession session, SessionStatus target, List<String> extraEvents) {
        requireAllowed(session, target);
        String event = eventOf(session.status, target);
        List<String> published = new ArrayList<>(extraEvents);
        Instant now = clock.after(session.updatedAt);
        if (SessionState.STARTED.equals(event)) {
            session.startedAt = now;
            session.endedAt = null;
        }
        if (SessionState.ENDED.equals(event)) {
            session.endedAt = now;
            if (session.activeProductId != null) {
                // an ended show shows nothing; say so explicitly for rooms that still display the product
                session.activeProductId = null;
                published.add(SessionState.SHOWCASE_CLEARED);
            }
        }
        session.status = target;
        session.updatedAt = now;
        published.add(event);
        return events.publish(session, published);
    }
}
