package com.streambazaar.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads and writes the module's real Kafka topics from a test, as an outside consumer (or another service)
 * would. Records are read from the beginning of the topic each time.
 */
public final class EventProbe {

    // money stays exact: decimals are read as BigDecimal with their trailing zeros, as the services write them
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private EventProbe() {
    }

    /** Every record on the topic, as parsed JSON together with its key, from the beginning. */
    public static List<Received> readAll(String topic, Duration quietFor) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Received> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant quietUntil = Instant.now().plus(quietFor);
            Instant giveUp = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(quietUntil) && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(new Received(record.key(), parse(record.value()), record.value()));
                    quietUntil = Instant.now().plus(quietFor);
                }
            }
        }
        return received;
    }

    /** Waits until at least {@code count} envelopes matching the filter are on the topic; returns the matches. */
    public static List<Received> await(String topic, Predicate<JsonNode> filter, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Received> matches = List.of();
        while (Instant.now().isBefore(deadline)) {
            matches = readAll(topic, Duration.ofMillis(500)).stream().filter(r -> filter.test(r.envelope())).toList();
            if (matches.size() >= count) {
                return matches;
            }
        }
        throw new AssertionError("Expected " + count + " matching event(s) on " + topic + " within " + timeout
                + ", found " + matches.size());
    }

    /** Publishes a record as another service would (the value is normally an envelope's JSON). */
    public static void publish(String topic, String key, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Builds an envelope JSON the way the outbox does, for events "from another service". */
    public static String envelope(UUID eventId, String type, String source, String key, Object data) {
        Map<String, Object> envelope = new java.util.LinkedHashMap<>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("source", source);
        envelope.put("key", key);
        envelope.put("data", data);
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (Exception e) {
            return MAPPER.getNodeFactory().textNode(value);
        }
    }

    /** One record: its key, the parsed envelope and the raw value. */
    public record Received(String key, JsonNode envelope, String raw) {
    }
}
