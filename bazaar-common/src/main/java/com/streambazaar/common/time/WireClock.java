package com.streambazaar.common.time;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time every service stamps on what clients and events see: UTC with millisecond precision. JavaScript clients
 * keep milliseconds and Postgres microseconds, so a finer instant would differ between an answer, its event and a
 * later read of the same row. Inject it (tests replace it with a fixed or stepping clock through
 * {@code QuarkusMock.installMockForType}); static callers outside CDI use {@link #truncate(Instant)}.
 */
@ApplicationScoped
public class WireClock {

    private final Clock clock;

    public WireClock() {
        this(Clock.systemUTC());
    }

    WireClock(Clock clock) {
        this.clock = clock;
    }

    /** A clock reading a fixed or custom {@link Clock}, for unit tests. */
    public static WireClock of(Clock clock) {
        return new WireClock(clock);
    }

    public Instant now() {
        return truncate(clock.instant());
    }

    /**
     * The stamp of a change to something last stamped {@code previous}: now, or one millisecond (the wire precision)
     * after {@code previous} when the clock is not past it. Consumers keep a read model's row only for a strictly newer
     * stamp, so two changes within one millisecond must not share one.
     */
    public Instant after(Instant previous) {
        return later(previous, now());
    }

    static Instant later(Instant previous, Instant now) {
        if (previous == null || now.isAfter(previous)) {
            return now;
        }
        return truncate(previous).plusMillis(1);
    }

    /** The wire precision of an instant taken elsewhere. */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
