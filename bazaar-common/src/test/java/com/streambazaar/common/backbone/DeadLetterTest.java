package com.streambazaar.common.backbone;

import com.streambazaar.common.event.Topics;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.EventProbe;
import com.streambazaar.testkit.EventSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A poison record is set aside on the dead-letter topic, logged, and the channel goes on with the next record. */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class DeadLetterTest {

    @Test
    void unreadableAndContractBreakingRecordsAreSetAsideAndConsumptionGoesOn() throws Exception {
        String garbage = "not json " + UUID.randomUUID();
        EventProbe.publish(NoteResource.TOPIC, "k1", garbage);
        // a valid envelope whose data the consumer cannot apply (no note id): a constraint violation in the effect
        UUID badEvent = UUID.randomUUID();
        EventProbe.publish(NoteResource.TOPIC, "not-a-uuid",
                EventProbe.envelope(badEvent, "note.created", "backbone-test", "not-a-uuid", Map.of("text", "x")));

        String marker = given().contentType(ContentType.JSON).body("{\"text\":\"after-poison\"}")
                .when().post("/test/notes").then().statusCode(201).extract().path("data.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> tally(marker) == 1);

        List<EventProbe.Received> letters = EventProbe.await(Topics.DEAD_LETTERS,
                e -> garbage.equals(e.path("data").path("record").asText())
                        || badEvent.toString().equals(e.path("data").path("eventId").asText()), 2, Duration.ofSeconds(30));
        for (EventProbe.Received letter : letters) {
            // this test application is not one of the five services the envelope schema names as sources
            EventSchemas.assertValid(((com.fasterxml.jackson.databind.node.ObjectNode) letter.envelope().deepCopy())
                    .put("source", "session-service"));
            assertEquals("backbone-test/note-tally", letter.envelope().path("data").path("consumer").asText());
            assertTrue(!letter.envelope().path("data").path("reason").asText().isBlank());
        }
    }

    @Test
    void aFailureThatIsNotTheEventsFaultIsRetriedUntilItAppliesOnce() throws Exception {
        // the consumer's database connection drops three times in a row for this event, then comes back
        String flaky = given().contentType(ContentType.JSON).body("{\"text\":\"flaky-3\"}")
                .when().post("/test/notes").then().statusCode(201).extract().path("data.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> tally(flaky) == 1);
        String marker = given().contentType(ContentType.JSON).body("{\"text\":\"after-flaky\"}")
                .when().post("/test/notes").then().statusCode(201).extract().path("data.id");
        await().atMost(Duration.ofSeconds(30)).until(() -> tally(marker) == 1);
        assertEquals(1, tally(flaky), "applied exactly once after the retries");
        assertTrue(EventProbe.readAll(Topics.DEAD_LETTERS, Duration.ofMillis(500)).stream()
                .noneMatch(letter -> flaky.equals(letter.envelope().path("key").asText())), "not set aside");
    }

    private static int tally(String id) throws Exception {
        try (Connection c = DriverManager.getConnection(com.streambazaar.testkit.TestBroker.jdbcUrl(), "postgres", "");
             var statement = c.prepareStatement("select times from backbone.note_tally where note_id = ?")) {
            statement.setObject(1, UUID.fromString(id));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
