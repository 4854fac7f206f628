package com.streambazaar.analytics.repository;

import com.streambazaar.analytics.service.ConcurrencySweep.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second's stored points: what goes in comes out, changes add up, and a count below zero is refused. */
class SweepPointsTest {

    static final Instant SECOND = Instant.parse("2026-05-01T18:00:07Z");

    @Test
    void pointsSurviveTheirEncodingAndAddUp() {
        NavigableMap<Integer, int[]> points = SweepPoints.of(List.of(new Point(SECOND, 3, 0),
                new Point(SECOND.plusNanos(123_456_000), 1, 2), new Point(SECOND.plusNanos(999_999_000), 0, 70_000)));
        NavigableMap<Integer, int[]> decoded = SweepPoints.decode(SweepPoints.encode(points));
        assertEquals(points.keySet(), decoded.keySet());
        points.forEach((at, counts) -> assertArrayEquals(counts, decoded.get(at)));

        // a view taken back and another added at an instant already there; the instant left empty goes
        assertTrue(SweepPoints.add(decoded, List.of(new Point(SECOND.plusNanos(123_456_000), -1, -2),
                new Point(SECOND, 1, 0))));
        assertEquals(List.of(new Point(SECOND, 4, 0), new Point(SECOND.plusNanos(999_999_000), 0, 70_000)),
                SweepPoints.toList(SECOND, decoded));
        assertEquals(0, SweepPoints.decode(SweepPoints.encode(SweepPoints.of(List.of()))).size());
    }

    @Test
    void takingBackWhatIsNotThereIsRefused() {
        NavigableMap<Integer, int[]> points = SweepPoints.of(List.of(new Point(SECOND, 1, 0)));
        assertFalse(SweepPoints.add(points, List.of(new Point(SECOND.plusMillis(5), -1, 0))));
    }
}
