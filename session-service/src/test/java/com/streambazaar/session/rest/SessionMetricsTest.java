package com.streambazaar.session.rest;

import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.MetricsScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static com.streambazaar.session.rest.Fixtures.as;
import static com.streambazaar.session.rest.Fixtures.count;
import static com.streambazaar.session.rest.Fixtures.createSession;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** bazaar_sessions_live and bazaar_sessions_paused follow the sessions going live, pausing and ending. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class SessionMetricsTest {

    @Test
    void liveAndPausedGaugesFollowTheLifecycle() throws SQLException {
        Fixtures.User creator = Fixtures.creator();
        String id = createSession(creator, "{\"title\":\"counted on air\"}");
        long live = count("select count(*) from sessions.stream_session where status = 'live'");
        long paused = count("select count(*) from sessions.stream_session where status = 'paused'");
        awaitGauges(live, paused);

        as(creator).when().post("/api/sessions/" + id + "/start-stream").then().statusCode(200);
        awaitGauges(live + 1, paused);

        as(creator).body("{\"status\":\"paused\"}").when().patch("/api/sessions/" + id + "/status").then().statusCode(200);
        awaitGauges(live, paused + 1);

        as(creator).when().post("/api/sessions/" + id + "/end-stream").then().statusCode(200);
        awaitGauges(live, paused);
    }

    private static void awaitGauges(long live, long paused) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            MetricsScrape scrape = MetricsScrape.now();
            assertEquals(live, scrape.value("bazaar_sessions_live"));
            assertEquals(paused, scrape.value("bazaar_sessions_paused"));
        });
    }
}
