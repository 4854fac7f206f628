package com.streambazaar.realtime.service;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Chat message ids: UUIDv7 (RFC 9562), so ids sort by creation time — bytewise in Postgres, hence {@code before=<id>}
 * paging and {@code ORDER BY id}. Within one millisecond a 12-bit counter keeps this replica's ids increasing.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static int counter;

    private MessageIds() {
    }

    public static synchronized UUID next(long epochMillis) {
        if (epochMillis <= lastMillis) {
            epochMillis = lastMillis;
            counter++;
            if (counter > 0xfff) {
                epochMillis = ++lastMillis;
                counter = 0;
            }
        } else {
            lastMillis = epochMillis;
            counter = RANDOM.nextInt(0x400);
        }
        long msb = (epochMillis << 16) | 0x7000L | counter;
        long lsb = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The millisecond a v7 id was made in. */
    public static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
