package com.streambazaar.realtime.service;

/** An explicit token was sent but does not verify: the connection is refused, never downgraded to a guest. */
public class InvalidCredentialsException extends RuntimeException {
    public InvalidCredentialsException(String message) {
        super(message, null, false, false);
    }
}
