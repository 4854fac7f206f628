package com.streambazaar.realtime.event;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * UP once every fan-out consumer has its partitions: before that, events of other replicas would not reach this
 * replica's rooms (fan-out starts from the latest offset). A wellness check ({@code /q/health/well}), not readiness:
 * like every service, realtime-service serves while the broker is away (its own rooms keep working, the outbox holds
 * the events), so the broker must never take it out of its Service.
 */
@ApplicationScoped
@Identifier(FanoutReadiness.NAME)
@Wellness
public class FanoutReadiness implements KafkaConsumerRebalanceListener, HealthCheck {

    public static final String NAME = "realtime-fanout";
    static final int CHANNELS = 5;

    private final Set<String> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            assigned.add(consumer.groupMetadata().groupId());
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // a rebalance keeps the group; readiness stays
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(assigned.size() >= CHANNELS)
                .withData("channels", assigned.size()).build();
    }
}
