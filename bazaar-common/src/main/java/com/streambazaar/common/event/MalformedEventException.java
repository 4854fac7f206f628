package com.streambazaar.common.event;

/** A record that can never be processed (not an envelope, or data not matching its contract). */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
