package com.streambazaar.realtime.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO v4 packets (text only): one packet per WebSocket frame; over HTTP long-polling several packets in one
 * body, separated by the record separator (0x1e).
 */
public final class EngineIoCodec {

    public static final char OPEN = '0';
    public static final char CLOSE = '1';
    public static final char PING = '2';
    public static final char PONG = '3';
    public static final char MESSAGE = '4';
    public static final char UPGRADE = '5';
    public static final char NOOP = '6';
    public static final char SEPARATOR = '\u001e';

    private EngineIoCodec() {
    }

    /** True for a well-formed Engine.IO packet: a type 0–6, or {@code b} (base64 binary). */
    public static boolean isValid(String packet) {
        if (packet.isEmpty()) {
            return false;
        }
        char type = packet.charAt(0);
        return (type >= OPEN && type <= NOOP) || type == 'b';
    }

    /** The packets of a polling body (empty records are dropped). */
    public static List<String> splitPayload(String body) {
        List<String> packets = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == SEPARATOR) {
                if (i > start) {
                    packets.add(body.substring(start, i));
                }
                start = i + 1;
            }
        }
        return packets;
    }

    /** One polling body for the given packets. */
    public static String joinPayload(List<String> packets) {
        if (packets.size() == 1) {
            return packets.get(0);
        }
        int length = packets.size();
        for (String packet : packets) {
            length += packet.length();
        }
        StringBuilder body = new StringBuilder(length);
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                body.append(SEPARATOR);
            }
            body.append(packets.get(i));
        }
        return body.toString();
    }

    /** The open packet's text. */
    public static String open(String sid, boolean canUpgrade, long pingIntervalMillis, long pingTimeoutMillis,
                              int maxPayload) {
        return "0{\"sid\":\"" + sid + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + pingIntervalMillis + ",\"pingTimeout\":" + pingTimeoutMillis
                + ",\"maxPayload\":" + maxPayload + "}";
    }

    /** The JSON error body of a refused polling request ({@code code} as engine.io servers send it). */
    public static String error(int code, String message) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
