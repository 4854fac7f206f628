package com.streambazaar.launcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topics of deploy/kubernetes/base/kafka-topics.yaml on the launcher's broker, which creates none by itself. */
class KafkaTopicsTest {

    private static final Path DECLARATION = Path.of("..").resolve(KafkaTopics.DECLARATION);

    @TempDir
    Path state;

    @Test
    void readsTheKubernetesDeclaration() {
        List<KafkaTopics.Topic> topics = KafkaTopics.read(DECLARATION);
        Map<String, KafkaTopics.Topic> byName = topics.stream()
                .collect(Collectors.toMap(KafkaTopics.Topic::name, t -> t));
        assertTrue(byName.keySet().containsAll(Set.of("bazaar.users.v1", "bazaar.products.v1", "bazaar.sessions.v1",
                "bazaar.presence.v1", "bazaar.chat.v1", "bazaar.reactions.v1", "bazaar.clicks.v1",
                "bazaar.session-stats.v1", "bazaar.dead-letters.v1", "bazaar.dead-letters.session-service.v1")),
                byName.keySet().toString());
        assertEquals("compact", byName.get("bazaar.users.v1").config().get("cleanup.policy"));
        assertEquals("compact", byName.get("bazaar.products.v1").config().get("cleanup.policy"));
        assertEquals("delete", byName.get("bazaar.chat.v1").config().get("cleanup.policy"));
        assertEquals(12, byName.get("bazaar.sessions.v1").partitions());
        // one local broker cannot keep two in-sync replicas
        assertFalse(KafkaTopics.forSingleBroker(byName.get("bazaar.chat.v1").config()).containsKey("min.insync.replicas"));
        assertEquals("604800000", KafkaTopics.forSingleBroker(byName.get("bazaar.chat.v1").config()).get("retention.ms"));
    }

    @Test
    void aMissingDeclarationStopsTheStart() {
        LauncherException missing = assertThrows(LauncherException.class, () -> KafkaTopics.read(state.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("creates no topic on its own"), missing.getMessage());
    }

    /** A real broker (its own JVM, as ./bazaar up starts it): declared topics appear as declared, nothing else does. */
    @Test
    void theBrokerHasTheDeclaredTopicsAndCreatesNoOther() throws Exception {
        int port = freePort();
        int controller = freePort();
        LauncherSettings settings = LauncherSettings.from(Path.of("..").toAbsolutePath().normalize(), state,
                Map.of("BAZAAR_KAFKA_PORT", Integer.toString(port), "BAZAAR_KAFKA_CONTROLLER_PORT", Integer.toString(controller)));
        StateDirectory directory = new StateDirectory(state);
        Files.createDirectories(directory.logsDir());
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings, directory, JavaRuntime.current());
        try {
            broker.awaitReady(Duration.ofSeconds(90));
            List<KafkaTopics.Topic> declared = KafkaTopics.read(DECLARATION);
            KafkaTopics.Outcome first = KafkaTopics.declare(broker.bootstrap(), declared, 30_000);
            assertEquals(declared.size(), first.created().size(), "a fresh broker gets every declared topic");
            KafkaTopics.Outcome again = KafkaTopics.declare(broker.bootstrap(), declared, 30_000);
            assertTrue(again.created().isEmpty() && again.updated().isEmpty() && again.warnings().isEmpty(),
                    "declaring again changes nothing: " + again);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
                TopicDescription users = admin.describeTopics(List.of("bazaar.users.v1")).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get("bazaar.users.v1");
                assertEquals(6, users.partitions().size());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "bazaar.users.v1");
                Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                assertEquals("compact", config.get("cleanup.policy").value());
                assertEquals("3600000", config.get("min.compaction.lag.ms").value());
            }

            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("bazaar.chat.v1", "k", "{}")).get(10, TimeUnit.SECONDS);
                ExecutionException undeclared = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>("bazaar.typo.v1", "k", "{}")).get(10, TimeUnit.SECONDS));
                assertTrue(undeclared.getCause().getMessage().contains("not present in metadata"),
                        "an undeclared topic is not created: " + undeclared.getCause());
            }
        } finally {
            broker.process().stop(Duration.ofSeconds(10));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
