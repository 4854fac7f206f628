package com.streambazaar.analytics.rest;

import com.streambazaar.analytics.repository.PublisherLeaseRepository;
import com.streambazaar.testkit.BazaarTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One replica at a time publishes session-stats: the lease holder; another takes over once the lease lapses. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class PublisherLeaseTest {

    @Inject
    PublisherLeaseRepository leases;

    @Test
    void oneHolderAtATimeAndATakeOverAfterTheLeaseLapses() throws InterruptedException {
        Duration wait = Duration.ofSeconds(5);
        assertTrue(leases.acquire("test-lease", "replica-a", Duration.ofMillis(800)).await().atMost(wait));
        assertFalse(leases.acquire("test-lease", "replica-b", Duration.ofMillis(800)).await().atMost(wait));
        // renewing keeps it
        assertTrue(leases.acquire("test-lease", "replica-a", Duration.ofMillis(800)).await().atMost(wait));
        Thread.sleep(1200);
        // a crashed holder stops renewing: the other replica takes over, and the old one is refused until it lapses
        assertTrue(leases.acquire("test-lease", "replica-b", Duration.ofSeconds(30)).await().atMost(wait));
        assertFalse(leases.acquire("test-lease", "replica-a", Duration.ofSeconds(30)).await().atMost(wait));
        // a holder shutting down gives it up at once
        leases.release("test-lease", "replica-b").await().atMost(wait);
        assertTrue(leases.acquire("test-lease", "replica-a", Duration.ofSeconds(30)).await().atMost(wait));
    }
}
