package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.session.repository.StreamSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session state machine: scheduled → live ⇄ paused → ended, and scheduled → ended (cancelled).
 * {@code ended} is final; moving to the status a session already has is refused too (409), so every accepted
 * change has exactly one effect and one event. The stream routes and {@code PATCH /status} both come here.
 */
@ApplicationScoped
public class SessionLifecycle {

    public static final Set<String> STATUSES = Set.of(SessionState.STATUS_SCHEDULED, SessionState.STATUS_LIVE,
            SessionState.STATUS_PAUSED, SessionState.STATUS_ENDED);

    private final SessionEvents events;

    public SessionLifecycle(SessionEvents events) {
        this.events = events;
    }

    /** The event a transition publishes, or null when the transition is not allowed. */
    static String eventOf(String from, String to) {
        return switch (from + "->" + to) {
            case "scheduled->live" -> SessionState.STARTED;
            case "live->paused" -> SessionState.PAUSED;
            case "paused->live" -> SessionState.RESUMED;
            case "scheduled->ended", "live->ended", "paused->ended" -> SessionState.ENDED;
            default -> null;
        };
    }

    /** 409 with the current status when the session cannot move to {@code target}. */
    public static void requireAllowed(StreamSession session, String target) {
        if (eventOf(session.status, target) == null) {
            String message = session.status.equals(target)
                    ? "Session is already " + target
                    : SessionState.STATUS_ENDED.equals(session.status)
                    ? "Session has ended; an ended session cannot change status"
                    : "Session cannot go from " + session.status + " to " + target;
            throw new ApiException(409, "invalid_status_transition", message,
                    Map.of("currentStatus", session.status));
        }
    }

    /**
     * Applies the transition to a locked session inside the caller's transaction: timestamps, showcase, events.
     * Publishes {@code extraEvents} (already decided by the caller) before the transition's own event.
     */
    public Uni<StreamSession> moveTo(StreamSession session, String target, List<String> extraEvents) {
        requireAllowed(session, target);
        String event = eventOf(session.status, target);
        List<String> published = new ArrayList<>(extraEvents);
        Instant now = SessionClock.now();
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
        return events.publish(session, published).replaceWith(session);
    }
}
