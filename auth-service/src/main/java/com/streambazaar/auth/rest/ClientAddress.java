package com.streambazaar.auth.rest;

import com.streambazaar.auth.config.AuthConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * The client's address for login throttling: the first X-Forwarded-For hop when the edge is trusted to set it
 * ({@code bazaar.auth.trust-forwarded-for}), otherwise the peer address.
 */
@ApplicationScoped
public class ClientAddress {

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final boolean trustForwardedFor;

    public ClientAddress(AuthConfig config) {
        this.trustForwardedFor = config.trustForwardedFor();
    }

    public String of(HttpServerRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                int comma = forwarded.indexOf(',');
                String first = (comma >= 0 ? forwarded.substring(0, comma) : forwarded).trim();
                if (IP.matcher(first).matches()) {
                    return first;
                }
            }
        }
        SocketAddress peer = request.remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress();
    }
}
