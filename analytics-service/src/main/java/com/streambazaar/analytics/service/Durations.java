package com.streambazaar.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How durations and ratios are shown to clients (the seed system's formats). */
public final class Durations {

    private Durations() {
    }

    /** {@code 45s}, {@code 2m 5s}, {@code 1h 3m}: whole seconds, rounded. */
    public static String format(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
    }

    /** Milliseconds as seconds with millisecond precision. */
    public static double seconds(double millis) {
        return round(millis / 1000.0, 3);
    }

    public static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code part ÷ whole} capped at 1 (0 when there is no whole). */
    public static double ratio(long part, long whole) {
        return whole <= 0 ? 0 : Math.min(1.0, (double) part / whole);
    }

    /** The same ratio as a percentage with two decimals, as the seed system's REST answers show it. */
    public static double percent(long part, long whole) {
        return round(ratio(part, whole) * 100, 2);
    }
}
