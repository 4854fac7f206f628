package com.streambazaar.realtime.service;

/**
 * What a client presented when it connected. {@code token} is an explicit access token (Socket.IO CONNECT
 * {@code auth.token}, query {@code token}, {@code Authorization: Bearer}, or the WebSocket subprotocol);
 * {@code cookieToken} the same-site httpOnly cookie; {@code origin} the browser's Origin header, if any;
 * {@code clientAddress} where it connects from (for per-address limits).
 */
public record Credentials(String token, String cookieToken, String origin, String clientAddress) {

    public static final Credentials NONE = new Credentials(null, null, null, null);

    public Credentials(String token, String cookieToken, String origin) {
        this(token, cookieToken, origin, null);
    }

    public Credentials withToken(String explicitToken) {
        return new Credentials(explicitToken, cookieToken, origin, clientAddress);
    }

    /** The address the client connects from (see {@code ws.ClientAddresses}): for limits, never for identity. */
    public Credentials withClientAddress(String address) {
        return new Credentials(token, cookieToken, origin, address);
    }
}
