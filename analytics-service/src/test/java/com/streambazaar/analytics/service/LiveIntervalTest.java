package com.streambazaar.analytics.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Watch time clipped to the live interval, and the time-weighted average concurrency. */
class LiveIntervalTest {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant END = START.plusSeconds(1200);
    static final LiveInterval LIVE = new LiveInterval(START, END);

    @Test
    void watchTimeIsClippedToTheLiveInterval() {
        LiveInterval.Clipped lobby = LIVE.clip(START.minusSeconds(60), START.plusSeconds(30));
        assertEquals(START, lobby.start());
        assertEquals(30_000, lobby.watchMs());
        LiveInterval.Clipped late = LIVE.clip(END.minusSeconds(10), END.plusSeconds(50));
        assertEquals(END, late.end());
        assertEquals(10_000, late.watchMs());
        LiveInterval.Clipped before = LIVE.clip(START.minusSeconds(600), START.minusSeconds(300));
        assertEquals(0, before.watchMs());
        LiveInterval.Clipped after = LIVE.clip(END.plusSeconds(5), END.plusSeconds(50));
        assertEquals(0, after.watchMs());
    }

    @Test
    void aViewStillOpenAtTheEndClosesAtTheEnd() {
        LiveInterval.Clipped open = LIVE.clip(START.plusSeconds(300), null);
        assertEquals(END, open.end());
        assertEquals(900_000, open.watchMs());
        LiveInterval stillLive = new LiveInterval(START, null);
        LiveInterval.Clipped watching = stillLive.clip(START.plusSeconds(300), null);
        assertNull(watching.end());
        assertEquals(0, watching.watchMs());
    }

    @Test
    void anUnknownStartClipsNothing() {
        LiveInterval.Clipped clipped = LiveInterval.UNKNOWN.clip(START.minusSeconds(60), START);
        assertEquals(START.minusSeconds(60), clipped.start());
        assertEquals(60_000, clipped.watchMs());
    }

    @Test
    void averageConcurrencyIsTheTimeWeightedMeanOfTheSweep() {
        Random random = new Random(5);
        for (int round = 0; round < 100; round++) {
            List<long[]> views = new ArrayList<>();
            long totalWatch = 0;
            for (int i = 0; i < 30; i++) {
                long join = random.nextInt(1_500_000) - 150_000;
                long leave = join + random.nextInt(600_000);
                LiveInterval.Clipped clipped = LIVE.clip(START.plusMillis(join), START.plusMillis(leave));
                totalWatch += clipped.watchMs();
                views.add(new long[]{join, leave});
            }
            // integrate the concurrency step function exactly: sweep every instant of the interval where it changes
            java.util.TreeMap<Long, Integer> changes = new java.util.TreeMap<>();
            for (long[] v : views) {
                long from = Math.max(0, v[0]);
                long to = Math.min(1_200_000, v[1]);
                if (to > from) {
                    changes.merge(from, 1, Integer::sum);
                    changes.merge(to, -1, Integer::sum);
                }
            }
            double integral = 0;
            int open = 0;
            long previous = 0;
            for (var change : changes.entrySet()) {
                integral += (double) open * (change.getKey() - previous);
                open += change.getValue();
                previous = change.getKey();
            }
            assertEquals(integral / 1_200_000, LIVE.averageConcurrent(totalWatch, END), 1e-9);
        }
        assertEquals(0.0, new LiveInterval(null, null).averageConcurrent(1000, END));
        assertEquals(2.0, new LiveInterval(START, null).averageConcurrent(120_000, START.plusSeconds(60)));
    }
}
