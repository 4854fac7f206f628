package com.streambazaar.realtime.service;

import com.streambazaar.common.security.Caller;

/**
 * Who holds a socket, from verified credentials only. A guest has no caller. The raw token is kept only to act on the
 * holder's behalf (the creator's showcase goes to session-service with it); it is never logged.
 */
public record SocketIdentity(Caller caller, String rawToken) {

    public static final SocketIdentity GUEST = new SocketIdentity(null, null);

    public boolean isGuest() {
        return caller == null;
    }

    public Long userId() {
        return caller == null ? null : caller.userId();
    }

    public String username() {
        return caller == null ? null : caller.username();
    }

    @Override
    public String toString() {
        return caller == null ? "guest" : "user " + caller.userId();
    }
}
