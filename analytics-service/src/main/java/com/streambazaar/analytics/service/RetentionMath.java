package com.streambazaar.analytics.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The distribution of view watch times (METRICS.md "Retention"): counts in fixed buckets and percentiles with
 * continuous interpolation (as SQL's {@code percentile_cont}: position {@code p * (n - 1)} between the two nearest
 * values), computed exactly without reading every view.
 *
 * <p>Closed views are known by whole second of watch time ({@code closedBySecond}); open views (live) by their watch
 * time so far, in memory. A percentile's two values are located first by second, then read exactly from the
 * millisecond values within that one second ({@link #secondsNeeded}, then {@link #percentiles}).
 */
public final class RetentionMath {

    /** The percentiles reported, in this order. */
    public static final double[] PERCENTILES = {0.25, 0.50, 0.75, 0.90};

    /** A retention bucket: watch times in {@code [fromSecond, toSecond)}; {@code toSecond} null for the last. */
    public record Bucket(String label, int fromSecond, Integer toSecond) {
    }

    public static final List<Bucket> BUCKETS = List.of(
            new Bucket("0-30s", 0, 30),
            new Bucket("30s-1m", 30, 60),
            new Bucket("1m-5m", 60, 300),
            new Bucket("5m-15m", 300, 900),
            new Bucket("15m-30m", 900, 1800),
            new Bucket("30m+", 1800, null));

    private RetentionMath() {
    }

    /** Views per bucket, in {@link #BUCKETS} order. */
    public static long[] bucketCounts(NavigableMap<Integer, Long> closedBySecond, long[] openWatchMs) {
        long[] counts = new long[BUCKETS.size()];
        closedBySecond.forEach((second, views) -> counts[bucketOf(second)] += views);
        for (long watch : openWatchMs) {
            counts[bucketOf(secondOf(watch))]++;
        }
        return counts;
    }

    static int bucketOf(int second) {
        for (int i = BUCKETS.size() - 1; i > 0; i--) {
            if (second >= BUCKETS.get(i).fromSecond()) {
                return i;
            }
        }
        return 0;
    }

    public static int secondOf(long watchMs) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, watchMs) / 1000);
    }

    /** Total number of values. */
    public static long count(NavigableMap<Integer, Long> closedBySecond, long[] openWatchMs) {
        long n = openWatchMs.length;
        for (long views : closedBySecond.values()) {
            n += views;
        }
        return n;
    }

    /** The seconds whose closed values must be read exactly to answer {@link #PERCENTILES}. */
    public static Set<Integer> secondsNeeded(NavigableMap<Integer, Long> closedBySecond, long[] openWatchMsSorted) {
        Set<Integer> seconds = new TreeSet<>();
        Distribution all = new Distribution(closedBySecond, openWatchMsSorted);
        if (all.total == 0) {
            return seconds;
        }
        for (double p : PERCENTILES) {
            double position = p * (all.total - 1);
            seconds.add(all.locate((long) Math.floor(position)).second);
            seconds.add(all.locate((long) Math.ceil(position)).second);
        }
        return seconds;
    }

    /**
     * The {@link #PERCENTILES} in milliseconds (all 0 when there are no values).
     *
     * @param closedMsBySecond for every second of {@link #secondsNeeded}: the closed views' exact watch times in that
     *                         second, as value → how many views have it
     */
    public static double[] percentiles(NavigableMap<Integer, Long> closedBySecond, long[] openWatchMsSorted,
                                       Map<Integer, NavigableMap<Long, Long>> closedMsBySecond) {
        double[] result = new double[PERCENTILES.length];
        Distribution all = new Distribution(closedBySecond, openWatchMsSorted);
        long n = all.total;
        if (n == 0) {
            return result;
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
            double position = PERCENTILES[i] * (n - 1);
            long lower = (long) Math.floor(position);
            long upper = (long) Math.ceil(position);
            long low = valueAt(all, closedBySecond, openWatchMsSorted, closedMsBySecond, lower);
            long high = upper == lower ? low
                    : valueAt(all, closedBySecond, openWatchMsSorted, closedMsBySecond, upper);
            result[i] = low + (position - lower) * (high - low);
        }
        return result;
    }

    /** The value of the given rank (0 = smallest) among closed and open values. */
    static long valueAt(Distribution all, NavigableMap<Integer, Long> closedBySecond, long[] openSorted,
                        Map<Integer, NavigableMap<Long, Long>> closedMsBySecond, long rank) {
        Location location = all.locate(rank);
        NavigableMap<Long, Long> values = new TreeMap<>();
        NavigableMap<Long, Long> closed = closedMsBySecond.get(location.second);
        long closedInSecond = closedBySecond.getOrDefault(location.second, 0L);
        if (closedInSecond > 0) {
            if (closed == null) {
                throw new IllegalArgumentException("watch times of second " + location.second + " were not read");
            }
            long read = closed.values().stream().mapToLong(Long::longValue).sum();
            if (read != closedInSecond) {
                throw new IllegalStateException("second " + location.second + " has " + closedInSecond
                        + " closed views but " + read + " values were read");
            }
            values.putAll(closed);
        }
        for (long watch : openSorted) {
            if (secondOf(watch) == location.second) {
                values.merge(watch, 1L, Long::sum);
            }
        }
        long remaining = rank - location.below;
        for (Map.Entry<Long, Long> entry : values.entrySet()) {
            if (remaining < entry.getValue()) {
                return entry.getKey();
            }
            remaining -= entry.getValue();
        }
        throw new IllegalStateException("rank " + rank + " beyond the values of second " + location.second);
    }

    private record Location(int second, long below) {
    }

    /** Values per second, closed and open merged, with cumulative counts: a rank is found by binary search. */
    static final class Distribution {
        final int[] seconds;
        final long[] below;
        final long total;

        Distribution(NavigableMap<Integer, Long> closedBySecond, long[] openSorted) {
            NavigableMap<Integer, Long> merged = closedBySecond;
            if (openSorted.length > 0) {
                merged = new TreeMap<>(closedBySecond);
                for (long watch : openSorted) {
                    merged.merge(secondOf(watch), 1L, Long::sum);
                }
            }
            seconds = new int[merged.size()];
            below = new long[merged.size() + 1];
            int i = 0;
            for (Map.Entry<Integer, Long> entry : merged.entrySet()) {
                seconds[i] = entry.getKey();
                below[i + 1] = below[i] + entry.getValue();
                i++;
            }
            total = below[seconds.length];
        }

        /** The second holding the value of the given rank, and how many values lie in earlier seconds. */
        Location locate(long rank) {
            if (rank < 0 || rank >= total) {
                throw new IllegalArgumentException("rank " + rank + " beyond " + total + " values");
            }
            int lo = 0;
            int hi = seconds.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (below[mid + 1] > rank) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return new Location(seconds[lo], below[lo]);
        }
    }

    /** Sorted copy. */
    public static long[] sorted(List<Long> values) {
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        Arrays.sort(array);
        return array;
    }

    /** Seconds with closed values, for tests and callers building the histogram from raw values. */
    public static NavigableMap<Integer, Long> histogram(long[] watchMs) {
        NavigableMap<Integer, Long> histogram = new TreeMap<>();
        for (long watch : watchMs) {
            histogram.merge(secondOf(watch), 1L, Long::sum);
        }
        return histogram;
    }

    /** Exact values by millisecond within each second, for tests and small inputs. */
    public static Map<Integer, NavigableMap<Long, Long>> valuesBySecond(long[] watchMs) {
        Map<Integer, NavigableMap<Long, Long>> bySecond = new TreeMap<>();
        for (long watch : watchMs) {
            bySecond.computeIfAbsent(secondOf(watch), s -> new TreeMap<>()).merge(watch, 1L, Long::sum);
        }
        return bySecond;
    }

    /** Convenience for {@code List<Long>} holders. */
    public static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(value);
        }
        return list;
    }
}
