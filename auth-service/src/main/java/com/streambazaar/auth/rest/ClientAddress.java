package com.streambazaar.auth.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The client's address for login throttling. Quarkus's forwarded handling (bazaar-common:
 * {@code quarkus.http.proxy.*}) already replaced the peer address with the X-Forwarded-For one when, and only when,
 * the direct peer is a trusted proxy (the edge); anyone else's header is ignored, so it cannot be forged.
 */
@ApplicationScoped
public class ClientAddress {

    /** Longer than any IPv6 literal; a trusted proxy never forwards more, but a counter key must stay small. */
    private static final int MAX_LENGTH = 64;

    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        if (peer == null) {
            return "unknown";
        }
        // a forwarded value that is not an IP literal (e.g. "unknown") has no hostAddress, only a host
        String address = peer.hostAddress() != null ? peer.hostAddress() : peer.host();
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }
}
