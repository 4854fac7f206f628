package com.streambazaar.analytics.service;

import com.streambazaar.analytics.service.ConcurrencySweep.Minute;
import com.streambazaar.analytics.service.ConcurrencySweep.Peak;
import com.streambazaar.analytics.service.ConcurrencySweep.Point;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact peak and curve kept per minute equal a plain sweep over all join and leave instants, whether the minutes
 * were built at once, by appends in time order, or through arbitrary changes (views moved, taken back, added late).
 */
class ConcurrencySweepTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    /** [start, end) in ms after T; end -1 = open. */
    record View(long start, long end) {
    }

    /** The reference: a sweep over every instant (ends before starts at one instant). */
    static Peak bruteForcePeak(List<View> views) {
        TreeMap<Long, int[]> changes = new TreeMap<>();
        for (View v : views) {
            changes.computeIfAbsent(v.start, k -> new int[2])[0]++;
            if (v.end >= 0) {
                changes.computeIfAbsent(v.end, k -> new int[2])[1]++;
            }
        }
        int open = 0;
        Peak best = Peak.NONE;
        for (Map.Entry<Long, int[]> change : changes.entrySet()) {
            open += change.getValue()[0] - change.getValue()[1];
            if (open > best.viewers()) {
                best = new Peak(open, T.plusMillis(change.getKey()));
            }
        }
        return best;
    }

    static int bruteForceAt(List<View> views, long t) {
        int open = 0;
        for (View v : views) {
            if (v.start <= t && (v.end < 0 || t < v.end)) {
                open++;
            }
        }
        return open;
    }

    /**
     * What FigureWriter does: points stored per instant; seconds folded or swept again from their stored points;
     * minutes folded or composed again from their seconds.
     */
    static final class Store {
        final TreeMap<Long, int[]> points = new TreeMap<>();
        final TreeMap<Instant, Minute> seconds = new TreeMap<>();
        final TreeMap<Instant, Minute> minutes = new TreeMap<>();
        int resweeps;

        void apply(Map<Long, int[]> deltas) {
            deltas.forEach((at, d) -> {
                int[] stored = points.computeIfAbsent(at, k -> new int[2]);
                stored[0] += d[0];
                stored[1] += d[1];
            });
            TreeMap<Instant, List<Point>> byMinute = new TreeMap<>();
            TreeMap<Instant, List<Point>> bySecond = new TreeMap<>();
            deltas.forEach((at, d) -> {
                if (d[0] != 0 || d[1] != 0) {
                    Instant instant = T.plusMillis(at);
                    byMinute.computeIfAbsent(ConcurrencySweep.minuteOf(instant), k -> new ArrayList<>())
                            .add(new Point(instant, d[0], d[1]));
                    bySecond.computeIfAbsent(ConcurrencySweep.secondOf(instant), k -> new ArrayList<>())
                            .add(new Point(instant, d[0], d[1]));
                }
            });
            bySecond.forEach((second, additions) -> {
                Minute current = seconds.getOrDefault(second, Minute.empty(second));
                Optional<Minute> appended = ConcurrencySweep.append(current, additions);
                if (appended.isPresent()) {
                    seconds.put(second, appended.get());
                } else {
                    resweeps++;
                    List<Point> stored = new ArrayList<>();
                    points.forEach((at, p) -> {
                        Instant instant = T.plusMillis(at);
                        if (ConcurrencySweep.secondOf(instant).equals(second) && (p[0] != 0 || p[1] != 0)) {
                            stored.add(new Point(instant, p[0], p[1]));
                        }
                    });
                    seconds.put(second, ConcurrencySweep.summarize(second, stored));
                }
            });
            byMinute.forEach((minute, additions) -> {
                Minute current = minutes.getOrDefault(minute, Minute.empty(minute));
                Optional<Minute> appended = ConcurrencySweep.append(current, additions);
                if (appended.isPresent()) {
                    minutes.put(minute, appended.get());
                } else {
                    minutes.put(minute, ConcurrencySweep.compose(minute,
                            new ArrayList<>(seconds.subMap(minute, minute.plusSeconds(60)).values())));
                }
            });
        }

        Peak peak() {
            return ConcurrencySweep.peak(new ArrayList<>(minutes.values()));
        }
    }

    static Map<Long, int[]> contribution(View v, int sign) {
        TreeMap<Long, int[]> deltas = new TreeMap<>();
        deltas.computeIfAbsent(v.start, k -> new int[2])[0] += sign;
        if (v.end >= 0) {
            deltas.computeIfAbsent(v.end, k -> new int[2])[1] += sign;
        }
        return deltas;
    }

    static List<View> randomViews(Random random, int n, int spanMs, boolean roundInstants) {
        List<View> views = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = random.nextInt(spanMs);
            long length = 1 + random.nextInt(spanMs / 4);
            if (roundInstants) {
                // many views on the same instants and on minute boundaries
                start = start / 15_000 * 15_000;
                length = Math.max(15_000, length / 15_000 * 15_000);
            }
            views.add(new View(start, random.nextInt(12) == 0 ? -1 : start + length));
        }
        return views;
    }

    @Test
    void minutesBuiltAtOnceGiveTheExactPeakAndItsFirstInstant() {
        Random random = new Random(1);
        for (int round = 0; round < 300; round++) {
            List<View> views = randomViews(random, 1 + random.nextInt(60), 900_000, round % 2 == 0);
            Store store = new Store();
            TreeMap<Long, int[]> all = new TreeMap<>();
            for (View v : views) {
                contribution(v, 1).forEach((at, d) -> {
                    int[] sum = all.computeIfAbsent(at, k -> new int[2]);
                    sum[0] += d[0];
                    sum[1] += d[1];
                });
            }
            store.apply(all);
            assertEquals(bruteForcePeak(views), store.peak());
        }
    }

    @Test
    void appendsInTimeOrderNeverResweepAndStayExact() {
        Random random = new Random(2);
        for (int round = 0; round < 200; round++) {
            List<View> views = randomViews(random, 40, 900_000, false);
            // events in time order, as a live session produces them; leaves carry no view to take back
            TreeMap<Long, int[]> timeline = new TreeMap<>();
            for (View v : views) {
                contribution(v, 1).forEach((at, d) -> {
                    int[] sum = timeline.computeIfAbsent(at, k -> new int[2]);
                    sum[0] += d[0];
                    sum[1] += d[1];
                });
            }
            Store store = new Store();
            List<Map.Entry<Long, int[]>> entries = new ArrayList<>(timeline.entrySet());
            for (int i = 0; i < entries.size(); ) {
                int batch = 1 + random.nextInt(5);
                TreeMap<Long, int[]> chunk = new TreeMap<>();
                for (int j = i; j < Math.min(entries.size(), i + batch); j++) {
                    chunk.put(entries.get(j).getKey(), entries.get(j).getValue());
                }
                store.apply(chunk);
                i += batch;
            }
            assertEquals(0, store.resweeps);
            assertEquals(bruteForcePeak(views), store.peak());
        }
    }

    @Test
    void arbitraryChangesInAnyOrderStayExact() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            List<View> views = new ArrayList<>(randomViews(random, 30, 600_000, round % 3 == 0));
            Store store = new Store();
            List<View> shuffled = new ArrayList<>(views);
            Collections.shuffle(shuffled, random);
            shuffled.forEach(v -> store.apply(contribution(v, 1)));
            for (int change = 0; change < 40; change++) {
                int index = random.nextInt(views.size());
                View old = views.get(index);
                int kind = random.nextInt(3);
                TreeMap<Long, int[]> deltas = new TreeMap<>();
                View replacement = null;
                if (kind == 0) {
                    // a rejoin: the view's end moves later (or it is open again)
                    replacement = new View(old.start, random.nextBoolean() ? -1
                            : Math.max(old.start + 1, old.end) + random.nextInt(60_000));
                } else if (kind == 1) {
                    // the view is taken back (merged into another, or the creator's own)
                    views.remove(index);
                } else {
                    // a late stay starting earlier
                    replacement = new View(Math.max(0, old.start - random.nextInt(60_000)), old.end);
                }
                merge(deltas, contribution(old, -1));
                if (replacement != null) {
                    views.set(index, replacement);
                    merge(deltas, contribution(replacement, 1));
                }
                store.apply(deltas);
                if (views.isEmpty()) {
                    break;
                }
            }
            assertEquals(bruteForcePeak(views), store.peak());
            List<Minute> minutes = new ArrayList<>(store.minutes.values());
            Instant to = T.plusMillis(900_000);
            for (ConcurrencySweep.Sample sample : ConcurrencySweep.curve(minutes, T, to)) {
                long t = sample.at().toEpochMilli() - T.toEpochMilli();
                assertEquals(bruteForceAt(views, t), sample.viewers(), "at " + sample.at());
            }
        }
    }

    static void merge(Map<Long, int[]> into, Map<Long, int[]> deltas) {
        deltas.forEach((at, d) -> {
            int[] sum = into.computeIfAbsent(at, k -> new int[2]);
            sum[0] += d[0];
            sum[1] += d[1];
        });
    }

    @Test
    void atOneInstantEndsComeBeforeStarts() {
        // one viewer leaves exactly when another joins: never two at once
        List<View> views = List.of(new View(0, 60_000), new View(60_000, 120_000));
        assertEquals(new Peak(1, T), bruteForcePeak(views));
        Store store = new Store();
        views.forEach(v -> store.apply(contribution(v, 1)));
        assertEquals(new Peak(1, T), store.peak());
        List<ConcurrencySweep.Sample> curve = ConcurrencySweep.curve(new ArrayList<>(store.minutes.values()), T,
                T.plusSeconds(120));
        assertEquals(List.of(1, 1, 0), curve.stream().map(ConcurrencySweep.Sample::viewers).toList());
    }

    @Test
    void aLeaveAddedAtTheLatestInstantIsNotFoldedIn() {
        Minute minute = ConcurrencySweep.summarize(T, List.of(new Point(T.plusSeconds(5), 2, 0)));
        assertTrue(ConcurrencySweep.append(minute, List.of(new Point(T.plusSeconds(5), 0, 1))).isEmpty());
        assertTrue(ConcurrencySweep.append(minute, List.of(new Point(T.plusSeconds(5), 1, 0))).isPresent());
        assertTrue(ConcurrencySweep.append(minute, List.of(new Point(T.plusSeconds(4), 1, 0))).isEmpty());
        assertTrue(ConcurrencySweep.append(minute, List.of(new Point(T.plusSeconds(6), -1, 0))).isEmpty());
        assertEquals(Peak.NONE, ConcurrencySweep.peak(List.of()));
    }

    @Test
    void aMinuteComposedFromItsSecondsIsTheMinuteSweptAtOnce() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            Instant minute = T.plusSeconds(60L * round);
            TreeMap<Instant, int[]> byInstant = new TreeMap<>();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                // instants on whole seconds now and then (a second's first instant, the minute's first instant)
                long ms = random.nextBoolean() ? random.nextInt(60) * 1000L : random.nextInt(60_000);
                int[] change = byInstant.computeIfAbsent(minute.plusMillis(ms), k -> new int[2]);
                change[random.nextInt(3) == 0 ? 1 : 0] += 1 + random.nextInt(2);
            }
            List<Point> all = new ArrayList<>();
            TreeMap<Instant, List<Point>> bySecond = new TreeMap<>();
            byInstant.forEach((at, c) -> {
                all.add(new Point(at, c[0], c[1]));
                bySecond.computeIfAbsent(ConcurrencySweep.secondOf(at), k -> new ArrayList<>())
                        .add(new Point(at, c[0], c[1]));
            });
            List<Minute> parts = new ArrayList<>();
            bySecond.forEach((second, points) -> parts.add(ConcurrencySweep.summarize(second, points)));
            assertEquals(ConcurrencySweep.summarize(minute, all), ConcurrencySweep.compose(minute, parts));
        }
        assertEquals(Minute.empty(T), ConcurrencySweep.compose(T, List.of()));
    }
}
