package com.streambazaar.common.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Kafka broker answers, checked every few seconds on a thread of its own (never on a request). Reported in
 * the wellness group ({@code /q/health/well}, and {@code /q/health}) and as the gauge
 * {@code bazaar_kafka_broker_reachable}, but deliberately not in readiness: while the broker is away every write still
 * commits, its events waiting in the outbox, so REST traffic must not be taken away from the service.
 */
@Wellness
@ApplicationScoped
public class KafkaBrokerHealth implements HealthCheck {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry metrics;
    private volatile boolean reachable;
    private volatile Instant lastChecked;
    private volatile String lastError = "not checked yet";
    private ScheduledExecutorService checker;
    private Admin admin;

    public KafkaBrokerHealth(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "broker-health");
        admin = Admin.create(config);
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kafka-broker-health");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        Gauge.builder("bazaar.kafka.broker.reachable", this, health -> health.reachable ? 1 : 0)
                .description("1 while the Kafka broker answers, 0 while it does not").register(metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        if (checker != null) {
            checker.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
            if (!reachable) {
                Log.info("Kafka broker is reachable");
            }
            reachable = true;
            lastError = null;
        } catch (Exception e) {
            if (reachable) {
                Log.warnf("Kafka broker is not reachable (%s); writes go on, their events wait in the outbox",
                        e.getMessage());
            }
            reachable = false;
            lastError = String.valueOf(e.getMessage());
        } finally {
            lastChecked = Instant.now();
        }
    }

    public boolean reachable() {
        return reachable;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka broker").status(reachable)
                .withData("bootstrap", String.valueOf(kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)))
                .withData("affectsReadiness", false);
        if (lastChecked != null) {
            response.withData("checkedAt", lastChecked.toString());
        }
        if (lastError != null) {
            response.withData("error", lastError);
        }
        return response.build();
    }
}
