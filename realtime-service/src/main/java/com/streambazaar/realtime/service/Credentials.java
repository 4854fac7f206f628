package com.streambazaar.realtime.service;

/**
 * What a client presented when it connected. {@code token} is an explicit access token (Socket.IO CONNECT
 * {@code auth.token}, query {@code token}, {@code Authorization: Bearer}, or the WebSocket subprotocol);
 * {@code cookieToken} the same-site httpOnly cookie; {@code origin} the browser's Origin header, if any.
 */
public record Credentials(String token, String cookieToken, String origin) {

    public static final Credentials NONE = new Credentials(null, null, null);

    public Credentials withToken(String explicitToken) {
        return new Credentials(explicitToken, cookieToken, origin);
    }
}
