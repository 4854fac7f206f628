package com.streambazaar.realtime.service;

/** Viewer identity (METRICS.md): {@code user:<id>}, else {@code device:<deviceId>}, else {@code connection:<id>}. */
public final class ViewerIds {

    public static final int MAX_DEVICE_ID_LENGTH = 128;

    private ViewerIds() {
    }

    public static String of(Long userId, String deviceId, String connectionId) {
        if (userId != null) {
            return "user:" + userId;
        }
        if (deviceId != null) {
            return "device:" + deviceId;
        }
        return "connection:" + connectionId;
    }

    /** A device id as sent by a client: trimmed, at most 128 printable ASCII characters, else none. */
    public static String cleanDeviceId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.trim();
        if (id.isEmpty() || id.length() > MAX_DEVICE_ID_LENGTH) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        return id;
    }

    /** The name a guest's chat messages show: stable for one viewer identity. */
    public static String guestName(String viewerId) {
        return "Guest-" + String.format("%04x", (viewerId.hashCode() & 0xffff));
    }
}
