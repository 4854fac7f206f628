package com.streambazaar.realtime.service;

/** The answer to one client event that asked for it (a Socket.IO ack, or a /ws frame with an {@code id}). */
@FunctionalInterface
public interface Ack {
    /** @param payload any Jackson-serializable value; called at most once */
    void reply(Object payload);
}
