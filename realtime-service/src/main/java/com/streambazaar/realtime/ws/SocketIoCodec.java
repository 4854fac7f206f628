package com.streambazaar.realtime.ws;

/**
 * Socket.IO v5 packets inside Engine.IO message packets: {@code <type>[<attachments>-][<nsp>,][<ackId>][<json>]}.
 * Only the main namespace {@code /} and JSON (binary-free) packets are served.
 */
public final class SocketIoCodec {

    public static final char CONNECT = '0';
    public static final char DISCONNECT = '1';
    public static final char EVENT = '2';
    public static final char ACK = '3';
    public static final char CONNECT_ERROR = '4';
    public static final char BINARY_EVENT = '5';
    public static final char BINARY_ACK = '6';

    /** Longest ack id we accept (socket.io-client counts up from 0). */
    static final int MAX_ACK_DIGITS = 15;

    private SocketIoCodec() {
    }

    /**
     * One decoded packet.
     *
     * @param namespace {@code /} unless the packet named another
     * @param ackId     the ack id, or null
     * @param json      the JSON part, or null when absent
     */
    public record Packet(char type, String namespace, Long ackId, String json) {
    }

    /** Decodes a Socket.IO packet; null when it is malformed. */
    public static Packet decode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        char type = text.charAt(0);
        if (type < CONNECT || type > BINARY_ACK) {
            return null;
        }
        int i = 1;
        if (type == BINARY_EVENT || type == BINARY_ACK) {
            int dash = text.indexOf('-', i);
            if (dash < 0) {
                return null;
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? text.length() : comma + 1;
        }
        Long ackId = null;
        int digitsStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i > digitsStart) {
            if (i - digitsStart > MAX_ACK_DIGITS) {
                return null;
            }
            ackId = Long.parseLong(text.substring(digitsStart, i));
        }
        String json = i < text.length() ? text.substring(i) : null;
        return new Packet(type, namespace, ackId, json);
    }

    /** {@code 40{"sid":..,"pid":..}} as the Engine.IO message text. */
    public static String connected(String sid, String pid) {
        return "40{\"sid\":\"" + sid + "\"" + (pid == null ? "" : ",\"pid\":\"" + pid + "\"") + "}";
    }

    /** {@code 44[<nsp>,]{"message":..}} as the Engine.IO message text; {@code messageJson} is a JSON string literal. */
    public static String connectError(String namespace, String messageJson) {
        return "44" + ("/".equals(namespace) ? "" : namespace + ",") + "{\"message\":" + messageJson + "}";
    }

    /** {@code 43<id>[<json>]} as the Engine.IO message text. */
    public static String ack(long id, String json) {
        return "43" + id + "[" + json + "]";
    }
}
