package com.streambazaar.realtime.service;

import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One pass of an event loop over the broadcasts queued for its connections. Transports write each frame without a
 * flush and register themselves once per round; {@link #end} flushes each written connection once, so a connection
 * that is sent several frames in a round gets them in one gathering write (one syscall instead of one per frame), and
 * releases what was shared by every receiver (the frame encoded once per round and protocol). Confined to one thread.
 */
public final class DeliveryRound {

    /** Slots for the shared encodings a transport keeps per round (one per protocol). */
    public static final int SLOTS = 2;

    private final Object[] keys = new Object[SLOTS];
    private final Object[] values = new Object[SLOTS];
    private final ArrayList<Runnable> flushes = new ArrayList<>();
    private final ArrayList<Runnable> releases = new ArrayList<>();

    /**
     * The value shared by this round's receivers of {@code key} in {@code slot}, made on first use; {@code release}
     * runs when the round ends. Only the current key of a slot is kept (a round delivers events one after another).
     */
    @SuppressWarnings("unchecked")
    public <K, V> V shared(int slot, K key, Function<K, V> make, Consumer<V> release) {
        if (keys[slot] == key) {
            return (V) values[slot];
        }
        V value = make.apply(key);
        keys[slot] = key;
        values[slot] = value;
        releases.add(() -> release.accept(value));
        return value;
    }

    /** Runs {@code flush} once when the round ends (callers register once per round). */
    public void flushAtEnd(Runnable flush) {
        flushes.add(flush);
    }

    /** Flushes every connection written in this round, then releases the shared encodings. */
    public void end() {
        for (Runnable flush : flushes) {
            try {
                flush.run();
            } catch (RuntimeException e) {
                io.quarkus.logging.Log.debugf("Flush failed: %s", e.toString());
            }
        }
        for (Runnable release : releases) {
            release.run();
        }
        flushes.clear();
        releases.clear();
    }
}
