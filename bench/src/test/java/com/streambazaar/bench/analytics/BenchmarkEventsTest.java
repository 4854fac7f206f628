package com.streambazaar.bench.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.testkit.EventSchemas;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The benchmark writes its events by hand for speed: they must still be what the contracts say. */
class BenchmarkEventsTest {

    @Test
    void everyKindOfBenchmarkEventMatchesItsSchema() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        UUID session = UUID.randomUUID();
        Instant at = Instant.parse("2026-05-01T18:00:00.123Z");
        List<String> events = List.of(
                DashboardBenchmark.Json.presence("viewer.joined", session, UUID.randomUUID(), "user:100003", "rt-1", at),
                DashboardBenchmark.Json.presence("viewer.left", session, UUID.randomUUID(), "device:bench-1", "rt-1", at),
                DashboardBenchmark.Json.heartbeat(session, "rt-1", 12, at),
                DashboardBenchmark.Json.chat(session, UUID.randomUUID(), "user:100003", at),
                DashboardBenchmark.Json.reaction(session, "love", "device:bench-1", at),
                DashboardBenchmark.Json.click(session, UUID.randomUUID(), "device:bench-1", at),
                DashboardBenchmark.Json.session("session.ended", session, "ended", at, at.plusSeconds(60),
                        List.of(UUID.randomUUID()), at.plusSeconds(60)),
                DashboardBenchmark.Json.product(UUID.randomUUID(), "Product 1"));
        for (String event : events) {
            EventSchemas.assertValid(mapper.readTree(event));
        }
    }
}
