package com.streambazaar.analytics.service;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retention buckets and percentiles with continuous interpolation, from the histogram and one second's values. */
class RetentionMathTest {

    /** Postgres' percentile_cont over all values. */
    static double percentileCont(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    static double[] viaHistogram(long[] closed, long[] open) {
        NavigableMap<Integer, Long> histogram = RetentionMath.histogram(closed);
        long[] openSorted = open.clone();
        Arrays.sort(openSorted);
        Set<Integer> needed = RetentionMath.secondsNeeded(histogram, openSorted);
        Map<Integer, NavigableMap<Long, Long>> all = RetentionMath.valuesBySecond(closed);
        Map<Integer, NavigableMap<Long, Long>> read = new TreeMap<>();
        needed.forEach(second -> read.put(second, all.getOrDefault(second, new TreeMap<>())));
        read.values().removeIf(Map::isEmpty);
        return RetentionMath.percentiles(histogram, openSorted, read);
    }

    @Test
    void percentilesInterpolateBetweenTheTwoNearestValues() {
        long[] closed = {20_000, 30_000, 60_000, 120_000, 245_000, 360_000, 900_000};
        double[] p = viaHistogram(closed, new long[0]);
        assertArrayEquals(new double[]{45_000, 120_000, 302_500, 576_000}, p, 1e-9);
        assertArrayEquals(new double[]{0, 0, 0, 0}, viaHistogram(new long[0], new long[0]));
        assertArrayEquals(new double[]{7, 7, 7, 7}, viaHistogram(new long[]{7}, new long[0]));
    }

    @Test
    void percentilesEqualPercentileContForClosedAndOpenViewsTogether() {
        Random random = new Random(9);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(200);
            long[] closed = new long[n];
            for (int i = 0; i < n; i++) {
                // few distinct seconds, so seconds hold many values and equal values repeat
                closed[i] = random.nextInt(round % 2 == 0 ? 5_000 : 4_000_000);
            }
            long[] open = new long[random.nextInt(20)];
            for (int i = 0; i < open.length; i++) {
                open[i] = random.nextInt(5_000);
            }
            long[] all = new long[closed.length + open.length];
            System.arraycopy(closed, 0, all, 0, closed.length);
            System.arraycopy(open, 0, all, closed.length, open.length);
            double[] actual = viaHistogram(closed, open);
            for (int i = 0; i < RetentionMath.PERCENTILES.length; i++) {
                assertEquals(percentileCont(all, RetentionMath.PERCENTILES[i]), actual[i], 1e-6);
            }
        }
    }

    @Test
    void bucketsAreHalfOpenOnWholeSeconds() {
        long[] closed = {0, 29_999, 30_000, 59_999, 60_000, 299_999, 300_000, 899_999, 900_000, 1_799_999, 1_800_000,
                86_400_000};
        long[] counts = RetentionMath.bucketCounts(RetentionMath.histogram(closed), new long[]{45_000});
        assertArrayEquals(new long[]{2, 3, 2, 2, 2, 2}, counts);
        assertEquals("30m+", RetentionMath.BUCKETS.get(5).label());
    }
}
