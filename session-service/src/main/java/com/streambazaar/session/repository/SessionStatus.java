package com.streambazaar.session.repository;

import java.util.Arrays;
import java.util.Optional;

/** Where a session is in its lifecycle; {@link #wire()} is the name clients and events use. */
public enum SessionStatus {
    SCHEDULED("scheduled"), LIVE("live"), PAUSED("paused"), ENDED("ended");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Live or paused: the show is on, viewers may hold stream tokens. */
    public boolean isStreaming() {
        return this == LIVE || this == PAUSED;
    }

    public static Optional<SessionStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wire.equals(value)).findFirst();
    }

    /** All wire names, for messages. */
    public static String names() {
        return "scheduled, live, paused, ended";
    }
}
