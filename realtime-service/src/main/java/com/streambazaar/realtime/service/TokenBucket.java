package com.streambazaar.realtime.service;

/** A rate limit: {@code burst} at once, then {@code perSecond}. Not thread-safe (the room engine owns its buckets). */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public TokenBucket(int burst, double perSecond, long nowNanos) {
        this.capacity = burst;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Seconds until the next token (at least 1). */
    public long secondsUntilNext(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1 || perNano <= 0) {
            return 1;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1_000_000_000d));
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            last = nowNanos;
        }
    }
}
