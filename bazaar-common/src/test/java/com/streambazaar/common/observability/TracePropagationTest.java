package com.streambazaar.common.observability;

import com.streambazaar.common.backbone.NoteResource;
import com.streambazaar.testkit.BazaarTestResources;
import com.streambazaar.testkit.TestBroker;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trace crosses HTTP → outbox → relay → Kafka → consumer on the real broker: the record carries the writing request's
 * trace in a W3C traceparent header, and the consumer's span belongs to the same trace.
 */
@QuarkusTest
@QuarkusTestResource(value = BazaarTestResources.class, restrictToAnnotatedClass = false)
class TracePropagationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RecordedSpans spans;

    @Test
    void eventWrittenInATracedRequestCarriesItsTraceToTheBrokerAndTheConsumer() {
        String traceId = hex(16);
        String callerSpanId = hex(8);
        Response response = given().contentType(ContentType.JSON).body("{\"text\":\"traced\"}")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .when().post("/test/notes")
                .then().statusCode(201).extract().response();
        String noteId = response.path("data.id");

        String traceparent = headerOfRecord(NoteResource.TOPIC, noteId, "traceparent", Duration.ofSeconds(30));
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), "a valid sampled traceparent: " + traceparent);
        assertEquals(traceId, traceparent.split("-")[1], "the record continues the request's trace");
        assertNotEquals(callerSpanId, traceparent.split("-")[2], "its parent is the service's own span, not the caller's");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> trace = spans.ofTrace(traceId);
            assertTrue(trace.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER), "the HTTP request's span: " + trace);
            assertTrue(trace.stream().anyMatch(s -> s.getKind() == SpanKind.CONSUMER),
                    "the consumer's span continues the trace from the record header: " + trace);
        });
    }

    @Test
    void requestIdIsKeptWhenSaneAndMadeUpOtherwise() {
        given().header("X-Request-Id", "edge-1234").when().get("/q/health/live")
                .then().header("X-Request-Id", "edge-1234");
        String made = given().header("X-Request-Id", "bad id\u0001").when().get("/q/health/live")
                .then().extract().header("X-Request-Id");
        assertNotNull(made);
        UUID.fromString(made);
        UUID.fromString(given().when().get("/test/notes/nothing-here").then().extract().header("X-Request-Id"));
    }

    private static String headerOfRecord(String topic, String key, String header, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "trace-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant giveUp = Instant.now().plus(timeout);
            while (Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        Header found = record.headers().lastHeader(header);
                        assertNotNull(found, "the record has a " + header + " header");
                        return new String(found.value(), StandardCharsets.US_ASCII);
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic + " within " + timeout);
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
