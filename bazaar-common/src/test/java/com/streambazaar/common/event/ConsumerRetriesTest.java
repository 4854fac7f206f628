package com.streambazaar.common.event;

import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumer's work waits out passing failures while running, and is left for redelivery once the service stops. */
class ConsumerRetriesTest {

    private static Uni<Void> failingTimes(AtomicInteger attempts, int failures) {
        return Uni.createFrom().deferred(() -> attempts.incrementAndGet() <= failures
                ? Uni.createFrom().failure(new VertxException("Connection is not active now", true))
                : Uni.createFrom().voidItem());
    }

    @Test
    void aPassingFailureIsRetriedUntilTheWorkSucceeds() throws Exception {
        ConsumerRetries retries = new ConsumerRetries();
        AtomicInteger attempts = new AtomicInteger();
        retries.untilApplied(() -> "test", failingTimes(attempts, 2))
                .subscribeAsCompletionStage().get(10, TimeUnit.SECONDS);
        assertEquals(3, attempts.get());
    }

    @Test
    void onceStoppingAFailureIsNeitherRetriedNorReported() {
        ConsumerRetries retries = new ConsumerRetries();
        retries.stop();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Void> subscriber = retries.untilApplied(() -> "test", failingTimes(attempts, 100))
                .subscribeAsCompletionStage();
        // left unfinished: no item (nothing to commit) and no failure (nothing for the dead-letter strategy)
        await(Duration.ofMillis(800));
        assertFalse(subscriber.isDone(), "neither completed nor failed");
        assertEquals(1, attempts.get(), "retried while stopping");
    }

    @Test
    void aStopDuringTheRetriesEndsThem() {
        ConsumerRetries retries = new ConsumerRetries();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Void> subscriber = retries.untilApplied(() -> "test", failingTimes(attempts, 1_000))
                .subscribeAsCompletionStage();
        await(Duration.ofMillis(300));
        retries.stop();
        await(Duration.ofSeconds(2));
        int afterStop = attempts.get();
        await(Duration.ofSeconds(1));
        assertEquals(afterStop, attempts.get(), "still retrying after the stop");
        assertFalse(subscriber.isDone(), "neither completed nor failed");
    }

    @Test
    void poisonIsNotSetAsideWhileStopping() {
        ConsumerRetries retries = new ConsumerRetries();
        MalformedEventException poison = new MalformedEventException("no data");
        assertTrue(retries.isPoison(poison));
        retries.stop();
        assertFalse(retries.isPoison(poison));
    }

    private static void await(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
