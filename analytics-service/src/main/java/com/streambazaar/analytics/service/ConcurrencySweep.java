package com.streambazaar.analytics.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exact concurrency (METRICS.md: views open at instant t; peak = the maximum over the session, from a sweep over
 * join and leave instants, with the instant it first happened). Views are half-open intervals {@code [start, end)}:
 * at an instant where one view ends and another begins, only the new one is open.
 *
 * <p>The sweep is kept per minute so that one event never re-reads the whole session: each minute stores its net
 * change, its net change at exactly its first instant, and the highest running net within it. A session's peak is
 * then the highest {@code (net of all earlier minutes) + (the minute's running peak)}; the value at any minute's first
 * instant is {@code (net of earlier minutes) + (net at that instant)}. New instants after a minute's latest one are
 * folded in directly ({@link #append}); anything else (a leave moved by a rejoin, a late event) re-sweeps that minute
 * from its stored instants ({@link #summarize}).
 */
public final class ConcurrencySweep {

    private ConcurrencySweep() {
    }

    /** Views starting ({@code plus}) and ending ({@code minus}) at one instant. */
    public record Point(Instant at, int plus, int minus) {
    }

    /**
     * One minute of the sweep.
     *
     * @param net         change of open views over the minute
     * @param atStart     change at exactly the minute's first instant
     * @param peakLocal   highest running change after any of the minute's instants; null for a minute without any
     * @param peakLocalAt first instant reaching {@code peakLocal}
     * @param lastAt      the minute's latest instant with a change
     */
    public record Minute(Instant minute, int net, int atStart, Integer peakLocal, Instant peakLocalAt, Instant lastAt) {

        public static Minute empty(Instant minute) {
            return new Minute(minute, 0, 0, null, null, null);
        }
    }

    /** The highest concurrency and the first instant it was reached; {@code at} null when nobody ever watched. */
    public record Peak(int viewers, Instant at) {
        public static final Peak NONE = new Peak(0, null);
    }

    /** Concurrent viewers at one instant. */
    public record Sample(Instant at, int viewers) {
    }

    public static Instant minuteOf(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    public static Instant secondOf(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The state of a bucket (a minute) from the states of its consecutive parts (its seconds), in order; parts without
     * any instant may be missing. The same as sweeping the bucket's points at once: a part's running values are its
     * own plus the net of the parts before it.
     */
    public static Minute compose(Instant bucket, List<Minute> parts) {
        int base = 0;
        int atStart = 0;
        Integer peak = null;
        Instant peakAt = null;
        Instant last = null;
        for (Minute part : parts) {
            if (part.peakLocal() != null && (peak == null || base + part.peakLocal() > peak)) {
                peak = base + part.peakLocal();
                peakAt = part.peakLocalAt();
            }
            if (part.minute().equals(bucket)) {
                atStart += part.atStart();
            }
            if (part.lastAt() != null && (last == null || part.lastAt().isAfter(last))) {
                last = part.lastAt();
            }
            base += part.net();
        }
        return new Minute(bucket, base, atStart, peak, peakAt, last);
    }

    /** Sweeps one minute (or one second) from all of its points (sorted by instant, one point per instant). */
    public static Minute summarize(Instant minute, List<Point> points) {
        Minute state = Minute.empty(minute);
        return fold(state, points);
    }

    /**
     * Folds new points into a minute when that gives the same result as a full sweep: only additions, all after the
     * minute's latest instant (views starting at that same instant are fine: at one instant, ends come first).
     * Empty when the minute must be swept again from its stored points.
     */
    public static Optional<Minute> append(Minute current, List<Point> additions) {
        for (Point point : additions) {
            if (point.plus() < 0 || point.minus() < 0) {
                return Optional.empty();
            }
            if (current.lastAt() != null) {
                int order = point.at().compareTo(current.lastAt());
                if (order < 0 || (order == 0 && point.minus() > 0)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(fold(current, additions));
    }

    private static Minute fold(Minute state, List<Point> points) {
        int running = state.net();
        int atStart = state.atStart();
        Integer peak = state.peakLocal();
        Instant peakAt = state.peakLocalAt();
        Instant last = state.lastAt();
        for (Point point : points) {
            if (point.plus() == 0 && point.minus() == 0) {
                continue;
            }
            int change = point.plus() - point.minus();
            running += change;
            if (point.at().equals(state.minute())) {
                atStart += change;
            }
            if (peak == null || running > peak) {
                peak = running;
                peakAt = point.at();
            }
            if (last == null || point.at().isAfter(last)) {
                last = point.at();
            }
        }
        return new Minute(state.minute(), running, atStart, peak, peakAt, last);
    }

    /** The session's peak from its minutes in order (minutes without concurrency changes may be missing). */
    public static Peak peak(List<Minute> minutes) {
        int base = 0;
        Peak best = Peak.NONE;
        for (Minute minute : minutes) {
            if (minute.peakLocal() != null && base + minute.peakLocal() > best.viewers()) {
                best = new Peak(base + minute.peakLocal(), minute.peakLocalAt());
            }
            base += minute.net();
        }
        return best;
    }

    /**
     * Concurrent viewers at the first instant of every minute from {@code from}'s minute to {@code to}'s minute,
     * both included (minutes in order; missing ones had no change).
     */
    public static List<Sample> curve(List<Minute> minutes, Instant from, Instant to) {
        List<Sample> samples = new ArrayList<>();
        curveOf(minutes, from, to).forEach(samples::add);
        return samples;
    }

    /** The same, produced one minute at a time (for exports of very long sessions). */
    public static Iterable<Sample> curveOf(List<Minute> minutes, Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return List.of();
        }
        Instant first = minuteOf(from);
        Instant last = minuteOf(to);
        return () -> new java.util.Iterator<>() {
            private Instant next = first;
            private int base;
            private int index;

            @Override
            public boolean hasNext() {
                return !next.isAfter(last);
            }

            @Override
            public Sample next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Instant m = next;
                while (index < minutes.size() && minutes.get(index).minute().isBefore(m)) {
                    base += minutes.get(index).net();
                    index++;
                }
                int atStart = index < minutes.size() && minutes.get(index).minute().equals(m)
                        ? minutes.get(index).atStart() : 0;
                next = m.plus(1, ChronoUnit.MINUTES);
                return new Sample(m, base + atStart);
            }
        };
    }
}
