package com.streambazaar.realtime.service;

import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.Topics;
import com.streambazaar.common.event.contract.RoomHeartbeat;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Sends {@code room.heartbeat} straight to Kafka, not through the outbox: heartbeats are ephemeral (the contract says a
 * lost one is replaced by the next, and the liveness they prove must not be replayed later from a table). Sends run
 * on their own thread because {@code KafkaProducer.send} blocks while the broker is unreachable.
 */
@ApplicationScoped
public class HeartbeatPublisher {

    private final Map<String, Object> kafkaConfig;
    private final EventJson json;
    private final String source;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
                Thread thread = new Thread(r, "room-heartbeats");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());
    private Producer<String, String> producer;
    private volatile boolean warned;

    public HeartbeatPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventJson json,
                              @ConfigProperty(name = "quarkus.application.name") String source) {
        this.kafkaConfig = kafkaConfig;
        this.json = json;
        this.source = source;
    }

    @PostConstruct
    void open() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "realtime-heartbeats-" + UUID.randomUUID());
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    void close(@Observes ShutdownEvent event) {
        sender.shutdown();
        try {
            sender.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
        }
    }

    public void publish(RoomHeartbeat heartbeat) {
        if (sender.isShutdown()) {
            return;
        }
        sender.execute(() -> send(heartbeat));
    }

    /** Blocks until sent (shutdown: the last heartbeats with 0 viewers). */
    public void publishNow(RoomHeartbeat heartbeat) {
        try {
            producer.send(record(heartbeat)).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.debugf("Heartbeat at shutdown not sent: %s", e.getMessage());
        }
    }

    private void send(RoomHeartbeat heartbeat) {
        try {
            producer.send(record(heartbeat), (metadata, failure) -> {
                if (failure != null && !warned) {
                    warned = true;
                    Log.warnf("Room heartbeats are not reaching Kafka (%s); other replicas will drop this one's viewers "
                            + "from their counts until it is back", failure.getMessage());
                } else if (failure == null) {
                    warned = false;
                }
            });
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                Log.warnf("Room heartbeats are not reaching Kafka (%s)", e.getMessage());
            }
        }
    }

    private ProducerRecord<String, String> record(RoomHeartbeat heartbeat) {
        String key = heartbeat.sessionId().toString();
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), RoomHeartbeat.TYPE, 1, heartbeat.at(), source, key,
                json.mapper().valueToTree(heartbeat));
        return new ProducerRecord<>(Topics.PRESENCE, key, json.write(envelope));
    }
}
