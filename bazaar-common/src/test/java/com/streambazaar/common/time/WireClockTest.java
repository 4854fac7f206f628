package com.streambazaar.common.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wire time: millisecond precision, and a change's stamp always moves past the previous one. */
class WireClockTest {

    private static final Instant STORED = Instant.parse("2030-01-01T10:00:00.500Z");

    @Test
    void nowIsTruncatedToMilliseconds() {
        WireClock clock = WireClock.of(Clock.fixed(Instant.parse("2030-01-01T10:00:00.123456789Z"), ZoneOffset.UTC));
        assertEquals(Instant.parse("2030-01-01T10:00:00.123Z"), clock.now());
    }

    @Test
    void aClockPastTheStoredStampIsUsedAsIs() {
        Instant now = Instant.parse("2030-01-01T10:00:01.000Z");
        assertEquals(now, WireClock.later(STORED, now));
        assertEquals(now, WireClock.later(null, now), "a first stamp");
    }

    @Test
    void aClockAtOrBehindTheStoredStampStepsOneMillisecondPastIt() {
        assertEquals(Instant.parse("2030-01-01T10:00:00.501Z"), WireClock.later(STORED, STORED));
        assertEquals(Instant.parse("2030-01-01T10:00:00.501Z"),
                WireClock.later(STORED, Instant.parse("2030-01-01T09:59:00Z")));
        WireClock behind = WireClock.of(Clock.fixed(Instant.parse("2030-01-01T09:00:00Z"), ZoneOffset.UTC));
        assertEquals(Instant.parse("2030-01-01T10:00:00.501Z"), behind.after(STORED));
    }

    @Test
    void aStampStoredWithMicrosecondsIsFollowedByAMillisecondOne() {
        Instant micros = Instant.parse("2030-01-01T10:00:00.500123Z");
        assertEquals(Instant.parse("2030-01-01T10:00:00.501Z"),
                WireClock.later(micros, Instant.parse("2030-01-01T10:00:00.500Z")));
    }
}
