package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.repository.StreamSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lifecycle's transition table, without a database: every pair of statuses, allowed or refused. */
class SessionLifecycleRulesTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "SCHEDULED, LIVE, session.started", "SCHEDULED, ENDED, session.ended",
            "LIVE, PAUSED, session.paused", "LIVE, ENDED, session.ended",
            "PAUSED, LIVE, session.resumed", "PAUSED, ENDED, session.ended",
            "SCHEDULED, SCHEDULED, ", "SCHEDULED, PAUSED, ", "LIVE, LIVE, ", "LIVE, SCHEDULED, ",
            "PAUSED, PAUSED, ", "PAUSED, SCHEDULED, ", "ENDED, SCHEDULED, ", "ENDED, LIVE, ", "ENDED, PAUSED, ",
            "ENDED, ENDED, "})
    void everyPairOfStatusesHasOneAnswer(SessionStatus from, SessionStatus to, String event) {
        assertEquals(event, SessionLifecycle.eventOf(from, to));
    }

    @Test
    void aRefusedTransitionIsA409WithTheCurrentStatus() {
        StreamSession live = session(SessionStatus.LIVE);
        ApiException again = assertThrows(ApiException.class,
                () -> SessionLifecycle.requireAllowed(live, SessionStatus.LIVE));
        assertEquals(409, again.status());
        assertEquals("Session is already live", again.getMessage());
        assertEquals(Map.of("currentStatus", "live"), again.details());

        ApiException ended = assertThrows(ApiException.class,
                () -> SessionLifecycle.requireAllowed(session(SessionStatus.ENDED), SessionStatus.LIVE));
        assertEquals("Session has ended; an ended session cannot change status", ended.getMessage());

        ApiException backwards = assertThrows(ApiException.class,
                () -> SessionLifecycle.requireAllowed(session(SessionStatus.PAUSED), SessionStatus.SCHEDULED));
        assertEquals("Session cannot go from paused to scheduled", backwards.getMessage());
    }

    @Test
    void theEndedStatusIsFinal() {
        for (SessionStatus target : SessionStatus.values()) {
            assertNull(SessionLifecycle.eventOf(SessionStatus.ENDED, target));
        }
        assertEquals(SessionState.ENDED, SessionLifecycle.eventOf(SessionStatus.SCHEDULED, SessionStatus.ENDED),
                "a scheduled show can be cancelled");
    }

    private static StreamSession session(SessionStatus status) {
        StreamSession session = new StreamSession();
        session.status = status;
        return session;
    }
}
