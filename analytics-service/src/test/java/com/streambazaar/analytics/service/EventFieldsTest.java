package com.streambazaar.analytics.service;

import com.streambazaar.common.event.MalformedEventException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast instant parser agrees with {@link Instant#parse} (at millisecond precision) and refuses garbage. */
class EventFieldsTest {

    @Test
    void parsesLikeInstantParse() {
        Random random = new Random(4);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L))
                    .plusNanos(random.nextInt(1_000_000));
            String text = instant.toString();
            assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), EventFields.parseInstant(text), text);
        }
        for (String text : List.of("2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.123456789Z",
                "2026-03-01T12:00:00+02:00", "2024-02-29T23:59:59.999Z")) {
            assertEquals(Instant.parse(text).truncatedTo(ChronoUnit.MILLIS), EventFields.parseInstant(text), text);
        }
        for (String text : List.of("2026-13-01T10:00:00Z", "2026-02-30T10:00:00Z", "yesterday")) {
            assertThrows(MalformedEventException.class, () -> EventFields.parseInstant(text), text);
        }
    }
}
