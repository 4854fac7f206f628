package com.streambazaar.realtime.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broadcasts held back for coalescing: they leave together, and an event for one connection never overtakes them. */
class LaneQueueTest {

    private final ScheduledExecutorService lane = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        lane.shutdownNow();
    }

    @Test
    void anEventForOneConnectionWaitsBehindTheBroadcastsHeldForItsLoop() throws Exception {
        RecordingConnection viewer = new RecordingConnection(lane);
        RoomEngine.LaneQueue queue = new RoomEngine.LaneQueue(lane, TimeUnit.MILLISECONDS.toNanos(500));

        queue.add(new RoomEngine.Broadcast(event("new-message"), List.of(viewer)));
        queue.add(new RoomEngine.Broadcast(event("viewer-count"), List.of(viewer)));
        queue.deliver(viewer, event("error"));

        assertTrue(viewer.received.isEmpty(), "held back for the coalescing window");
        awaitReceived(viewer, 3);
        assertEquals(List.of("new-message", "viewer-count", "error"), viewer.received);
        assertEquals(1, viewer.rounds, "the broadcasts and the event went out in one round (one flush)");
    }

    @Test
    void withNothingQueuedAnEventForOneConnectionGoesAtOnce() {
        RecordingConnection viewer = new RecordingConnection(lane);
        RoomEngine.LaneQueue queue = new RoomEngine.LaneQueue(lane, TimeUnit.SECONDS.toNanos(10));

        queue.deliver(viewer, event("error"));

        assertEquals(List.of("error"), viewer.received);
    }

    private static void awaitReceived(RecordingConnection viewer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (viewer.received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static OutboundEvent event(String name) {
        return new OutboundEvent(name, "{}", -1, System.currentTimeMillis());
    }

    /** A connection on one event loop that records what reaches it, and in how many delivery rounds. */
    private static final class RecordingConnection implements ClientConnection {
        final List<String> received = new CopyOnWriteArrayList<>();
        final java.util.concurrent.Executor lane;
        DeliveryRound lastRound;
        int rounds;

        RecordingConnection(java.util.concurrent.Executor lane) {
            this.lane = lane;
        }

        @Override
        public String protocol() {
            return "ws";
        }

        @Override
        public void deliver(OutboundEvent event) {
            received.add(event.name());
        }

        @Override
        public void deliver(OutboundEvent event, DeliveryRound round) {
            if (round != lastRound) {
                lastRound = round;
                rounds++;
            }
            received.add(event.name());
        }

        @Override
        public java.util.concurrent.Executor lane() {
            return lane;
        }
    }
}
