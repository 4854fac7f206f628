package com.streambazaar.realtime.ws;

import com.streambazaar.realtime.service.Credentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the credentials a client may present in its HTTP handshake (a polling request or a WebSocket upgrade): query
 * {@code token}, {@code Authorization: Bearer}, the WebSocket subprotocol ({@code ["bazaar", "<token>"]} or
 * {@code ["access_token", "<token>"]}), and the same-site cookie with the Origin it came from.
 */
public final class HandshakeCredentials {

    /** Subprotocol names a client offers next to its token; the server selects one of them. */
    public static final String SUBPROTOCOL = "bazaar";
    public static final String SUBPROTOCOL_ALT = "access_token";

    private HandshakeCredentials() {
    }

    public static Credentials read(Function<String, String> header, Map<String, String> query, String cookieName) {
        String token = query.get("token");
        if (token == null || token.isBlank()) {
            String authorization = header.apply("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = authorization.substring(7).trim();
            }
        }
        if (token == null || token.isBlank()) {
            token = fromSubprotocol(header.apply("Sec-WebSocket-Protocol"));
        }
        return new Credentials(blankToNull(token), cookie(header.apply("Cookie"), cookieName), header.apply("Origin"));
    }

    static String fromSubprotocol(String offered) {
        if (offered == null) {
            return null;
        }
        String[] parts = offered.split(",");
        boolean marked = false;
        String candidate = null;
        for (String part : parts) {
            String value = part.trim();
            if (value.equals(SUBPROTOCOL) || value.equals(SUBPROTOCOL_ALT)) {
                marked = true;
            } else if (!value.isEmpty()) {
                candidate = value;
            }
        }
        return marked ? candidate : null;
    }

    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return blankToNull(value);
            }
        }
        return null;
    }

    /** Query parameters of a raw query string (the last value of a repeated name wins); malformed escapes are kept raw. */
    public static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(key), decode(value));
        }
        return params;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
