package com.streambazaar.realtime.service;

import com.streambazaar.common.event.contract.ReactionSent;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One room's reactions, coalesced: reactions of a short window (from every replica) go out as one
 * {@code new-reaction} frame, and the session's totals — the last {@code session.stats} figures, which analytics-service
 * computes from the persisted events, plus what arrived after them — as a {@code reaction-stats} frame at most once a
 * second. Not thread-safe: the room engine owns it.
 */
public final class ReactionTally {

    static final List<String> TYPES = ReactionSent.TYPE_ORDER;
    private static final long BUCKET_MILLIS = 100;

    private final int[] window = new int[TYPES.size()];
    private int windowTotal;
    private long windowStartedNanos;
    private final long[] base = new long[TYPES.size()];
    private long baseAtMillis = Long.MIN_VALUE;
    private final TreeMap<Long, int[]> sinceBase = new TreeMap<>();
    private boolean statsDirty;
    private long statsSentNanos = Long.MIN_VALUE / 2;

    public static int indexOf(String type) {
        return type == null ? -1 : TYPES.indexOf(type);
    }

    /** Counts one reaction (local or from another replica) made at {@code atMillis}. */
    public void add(int typeIndex, long atMillis, long nowNanos) {
        if (windowTotal == 0) {
            windowStartedNanos = nowNanos;
        }
        window[typeIndex]++;
        windowTotal++;
        if (atMillis > baseAtMillis) {
            sinceBase.computeIfAbsent(atMillis / BUCKET_MILLIS, k -> new int[TYPES.size()])[typeIndex]++;
            if (sinceBase.size() > 36_000) {
                // analytics has been silent for an hour: fold the oldest bucket into the base
                Map.Entry<Long, int[]> oldest = sinceBase.pollFirstEntry();
                for (int i = 0; i < base.length; i++) {
                    base[i] += oldest.getValue()[i];
                }
            }
        }
        statsDirty = true;
    }

    /** Takes the totals of a {@code session.stats} event as the new base; reactions made after it stay on top. */
    public void rebase(Map<String, Long> counts, long atMillis) {
        if (counts == null || atMillis <= baseAtMillis) {
            return;
        }
        long before = total();
        for (int i = 0; i < base.length; i++) {
            Long value = counts.get(TYPES.get(i));
            base[i] = value == null ? 0 : value;
        }
        baseAtMillis = atMillis;
        sinceBase.headMap(atMillis / BUCKET_MILLIS + 1).clear();
        if (total() != before) {
            statsDirty = true;
        }
    }

    /** The window's {@code new-reaction} payload when it is due, else null (and the window goes on). */
    public NewReaction takeWindowIfDue(long nowNanos, long windowNanos, long wallMillis) {
        if (windowTotal == 0 || nowNanos - windowStartedNanos < windowNanos) {
            return null;
        }
        int top = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < window.length; i++) {
            if (window[i] > 0) {
                counts.put(TYPES.get(i), window[i]);
                if (window[i] > window[top]) {
                    top = i;
                }
            }
        }
        NewReaction reaction = new NewReaction(TYPES.get(top), java.time.Instant.ofEpochMilli(wallMillis), windowTotal, counts);
        java.util.Arrays.fill(window, 0);
        windowTotal = 0;
        return reaction;
    }

    /** The {@code reaction-stats} payload when it changed and is due, else null. */
    public Stats takeStatsIfDue(java.util.UUID sessionId, long nowNanos, long intervalNanos) {
        if (!statsDirty || nowNanos - statsSentNanos < intervalNanos) {
            return null;
        }
        statsDirty = false;
        statsSentNanos = nowNanos;
        long[] totals = totals();
        long total = 0;
        for (long t : totals) {
            total += t;
        }
        Map<String, Integer> percentages = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < totals.length; i++) {
            if (totals[i] > 0) {
                percentages.put(TYPES.get(i), (int) Math.round(totals[i] * 100.0 / total));
                counts.put(TYPES.get(i), totals[i]);
            }
        }
        return new Stats(sessionId, percentages, total, counts);
    }

    public long total() {
        long total = 0;
        for (long t : totals()) {
            total += t;
        }
        return total;
    }

    private long[] totals() {
        long[] totals = base.clone();
        for (Iterator<int[]> it = sinceBase.values().iterator(); it.hasNext(); ) {
            int[] bucket = it.next();
            for (int i = 0; i < totals.length; i++) {
                totals[i] += bucket[i];
            }
        }
        return totals;
    }

    /**
     * {@code new-reaction}: {@code type} and {@code timestamp} as clients read them (the most frequent type of the
     * window), plus {@code count} and {@code counts} of the whole window.
     */
    public record NewReaction(String type, java.time.Instant timestamp, int count, Map<String, Integer> counts) {
    }

    /** {@code reaction-stats}: {@code {sessionId, percentages{type: integer %}, total}}, plus {@code counts}. */
    public record Stats(java.util.UUID sessionId, Map<String, Integer> percentages, long total, Map<String, Long> counts) {
    }
}
