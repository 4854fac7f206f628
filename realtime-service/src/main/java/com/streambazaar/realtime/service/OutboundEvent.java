package com.streambazaar.realtime.service;

import java.nio.charset.StandardCharsets;

/**
 * One server → client event, encoded once and shared by every receiver: the payload is serialized to JSON a single
 * time, and each protocol's frame text (and its UTF-8 bytes) is built at most once, on first use.
 *
 * @param name    the event name, e.g. {@code new-message} (plain ASCII, as every event name here)
 * @param json    the payload, already JSON
 * @param offset  the room sequence number a Socket.IO client records for connection state recovery, or -1 for events
 *                that are not replayed (counts, reactions, stats, errors)
 * @param atMillis when the event was made (recovery keeps a window of them)
 */
public final class OutboundEvent {

    private final String name;
    private final String json;
    private final long offset;
    private final long atMillis;
    private String socketIoFrame;
    private String wsFrame;
    private byte[] wsBytes;
    private byte[] socketIoBytes;

    public OutboundEvent(String name, String json, long offset, long atMillis) {
        this.name = name;
        this.json = json;
        this.offset = offset;
        this.atMillis = atMillis;
    }

    public String name() {
        return name;
    }

    public String json() {
        return json;
    }

    public long offset() {
        return offset;
    }

    public long atMillis() {
        return atMillis;
    }

    /**
     * The Engine.IO message packet text: {@code 42["name",payload]}, or {@code 42["name",payload,"offset"]} for a
     * recoverable room event (socket.io-client ≥ 4.6 keeps the last argument as its recovery offset). The same text is
     * one WebSocket frame or one record of a long-polling payload. Racy single-check caching is safe: Strings are
     * immutable and every thread builds the same text.
     */
    public String socketIoFrame() {
        String frame = socketIoFrame;
        if (frame == null) {
            StringBuilder text = new StringBuilder(json.length() + name.length() + 24).append("42[\"").append(name)
                    .append("\",").append(json);
            if (offset >= 0) {
                text.append(",\"").append(offset).append('"');
            }
            frame = text.append(']').toString();
            socketIoFrame = frame;
        }
        return frame;
    }

    /** {@link #socketIoFrame()} as UTF-8, shared by every Socket.IO receiver on WebSocket. */
    public byte[] socketIoBytes() {
        byte[] bytes = socketIoBytes;
        if (bytes == null) {
            bytes = socketIoFrame().getBytes(StandardCharsets.UTF_8);
            socketIoBytes = bytes;
        }
        return bytes;
    }

    /** The /ws text frame: {@code {"event":"name","data":payload}}. */
    public String wsFrame() {
        String frame = wsFrame;
        if (frame == null) {
            frame = "{\"event\":\"" + name + "\",\"data\":" + json + "}";
            wsFrame = frame;
        }
        return frame;
    }

    /** {@link #wsFrame()} as UTF-8, shared by every /ws receiver. */
    public byte[] wsBytes() {
        byte[] bytes = wsBytes;
        if (bytes == null) {
            bytes = wsFrame().getBytes(StandardCharsets.UTF_8);
            wsBytes = bytes;
        }
        return bytes;
    }
}
