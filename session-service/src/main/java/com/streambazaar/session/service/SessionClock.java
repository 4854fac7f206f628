package com.streambazaar.session.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time stamped on sessions, in milliseconds: Postgres keeps microseconds and JavaScript clients milliseconds,
 * so a finer instant would differ between an event and a later read of the same session.
 */
public final class SessionClock {

    private SessionClock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
