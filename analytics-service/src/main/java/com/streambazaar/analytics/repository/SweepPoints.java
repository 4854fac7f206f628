package com.streambazaar.analytics.repository;

import com.streambazaar.analytics.service.ConcurrencySweep;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The concurrency points of one second as stored in its {@code second_sweep} row: per instant, sorted, its offset in
 * microseconds into the second (as Postgres keeps instants) and how many views start and end there, three big-endian
 * int4 (what the migration's {@code int4send} writes), so a second is swept again from its row, not from the views.
 */
public final class SweepPoints {

    private SweepPoints() {
    }

    /** Microsecond offset within the second → {plus, minus}. */
    public static NavigableMap<Integer, int[]> decode(byte[] encoded) {
        NavigableMap<Integer, int[]> points = new TreeMap<>();
        if (encoded == null) {
            return points;
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        while (in.remaining() >= 12) {
            points.put(in.getInt(), new int[]{in.getInt(), in.getInt()});
        }
        return points;
    }

    public static byte[] encode(NavigableMap<Integer, int[]> points) {
        ByteBuffer out = ByteBuffer.allocate(points.size() * 12);
        points.forEach((micros, counts) -> out.putInt(micros).putInt(counts[0]).putInt(counts[1]));
        return out.array();
    }

    /**
     * Adds changes (instants within the second) to the points; instants left without any change are dropped. False
     * when a count would fall below zero: the stored points are not what the views say (the caller reads the views).
     */
    public static boolean add(NavigableMap<Integer, int[]> points, List<ConcurrencySweep.Point> changes) {
        for (ConcurrencySweep.Point change : changes) {
            int micros = microsInSecond(change.at());
            int[] counts = points.computeIfAbsent(micros, k -> new int[2]);
            counts[0] += change.plus();
            counts[1] += change.minus();
            if (counts[0] < 0 || counts[1] < 0) {
                return false;
            }
            if (counts[0] == 0 && counts[1] == 0) {
                points.remove(micros);
            }
        }
        return true;
    }

    /** The points of a second as read from the views. */
    public static NavigableMap<Integer, int[]> of(List<ConcurrencySweep.Point> points) {
        NavigableMap<Integer, int[]> map = new TreeMap<>();
        add(map, points);
        return map;
    }

    /** The points as the sweep takes them, in order. */
    public static List<ConcurrencySweep.Point> toList(Instant second, NavigableMap<Integer, int[]> points) {
        List<ConcurrencySweep.Point> list = new ArrayList<>(points.size());
        points.forEach((micros, counts) -> list.add(new ConcurrencySweep.Point(second.plusNanos(micros * 1000L),
                counts[0], counts[1])));
        return list;
    }

    static int microsInSecond(Instant at) {
        return at.getNano() / 1000;
    }
}
