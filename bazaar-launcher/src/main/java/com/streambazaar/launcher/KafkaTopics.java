package com.streambazaar.launcher;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stack's Kafka topics, declared once: the Strimzi {@code KafkaTopic} resources of
 * {@code deploy/kubernetes/base/kafka-topics.yaml} (partitions and configs: retention, compaction for users and
 * products). Kubernetes applies that file; the launcher reads the same file and creates the missing topics on its
 * broker, whose auto-creation is off, so a topic nobody declared cannot appear by a typo or a stray producer.
 *
 * <p>One local broker holds every replica: topics get replication factor 1 and no {@code min.insync.replicas}. A
 * topic that already exists keeps its partition count (changing it would move keys to other partitions and break
 * their order: that takes a new {@code .vN} topic) and gets the declared configs, so an older state folder whose
 * topics were auto-created becomes compacted where the declaration says so.
 */
final class KafkaTopics {

    static final String DECLARATION = "deploy/kubernetes/base/kafka-topics.yaml";
    /** Replication settings that only a cluster of several brokers can honour. */
    private static final Set<String> CLUSTER_ONLY = Set.of("min.insync.replicas");

    /** One declared topic. */
    record Topic(String name, int partitions, Map<String, String> config) {
    }

    /** What {@link #declare} did. */
    record Outcome(List<String> created, List<String> updated, List<String> warnings) {
    }

    private KafkaTopics() {
    }

    /** The {@code KafkaTopic} resources of a (multi-document) YAML file, in file order. */
    static List<Topic> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LauncherException("The Kafka topic declarations " + file + " are missing: the broker creates no "
                    + "topic on its own, so the services could not publish.");
        }
        List<Topic> topics = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (JsonParser parser = yaml.createParser(file.toFile());
             MappingIterator<JsonNode> documents = yaml.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || !"KafkaTopic".equals(document.path("kind").asText())) {
                    continue;
                }
                String name = document.path("metadata").path("name").asText("");
                int partitions = document.path("spec").path("partitions").asInt(0);
                if (name.isEmpty() || partitions < 1) {
                    throw new LauncherException("A KafkaTopic in " + file + " has no name or no partitions: " + document);
                }
                Map<String, String> config = new LinkedHashMap<>();
                document.path("spec").path("config").fields()
                        .forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
                topics.add(new Topic(name, partitions, Map.copyOf(config)));
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot read the Kafka topic declarations " + file + ": " + e.getMessage());
        }
        if (topics.isEmpty()) {
            throw new LauncherException(file + " declares no KafkaTopic");
        }
        return topics;
    }

    /** The configs a single broker can apply. */
    static Map<String, String> forSingleBroker(Map<String, String> config) {
        Map<String, String> local = new LinkedHashMap<>(config);
        CLUSTER_ONLY.forEach(local::remove);
        return local;
    }

    /**
     * Creates the declared topics the broker lacks and applies the declared configs to the ones it has. Fails when the
     * broker refuses, since services would then publish into a void.
     */
    static Outcome declare(String bootstrap, List<Topic> topics, long timeoutMillis) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMillis, 10_000));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<Topic> present = new ArrayList<>();
            for (Topic topic : topics) {
                if (existing.contains(topic.name())) {
                    present.add(topic);
                } else {
                    missing.add(new NewTopic(topic.name(), topic.partitions(), (short) 1)
                            .configs(forSingleBroker(topic.config())));
                }
            }
            if (!missing.isEmpty()) {
                var results = admin.createTopics(missing).values();
                for (NewTopic topic : missing) {
                    try {
                        results.get(topic.name()).get(timeoutMillis, TimeUnit.MILLISECONDS);
                        created.add(topic.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            if (!present.isEmpty()) {
                alignExisting(admin, present, timeoutMillis, updated, warnings);
            }
        } catch (ExecutionException e) {
            throw new LauncherException("The Kafka broker at " + bootstrap + " refused the declared topics ("
                    + DECLARATION + "): " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new LauncherException("The Kafka broker at " + bootstrap + " did not answer while declaring topics");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while declaring Kafka topics");
        }
        return new Outcome(created, updated, warnings);
    }

    private static void alignExisting(Admin admin, List<Topic> topics, long timeoutMillis, List<String> updated,
                                      List<String> warnings)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        for (Topic topic : topics) {
            int partitions = descriptions.get(topic.name()).partitions().size();
            if (partitions != topic.partitions()) {
                warnings.add(topic.name() + " has " + partitions + " partitions, " + DECLARATION + " declares "
                        + topic.partitions() + " (kept: changing it would reorder keys; a new state folder gets the "
                        + "declared count)");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config current = configs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            forSingleBroker(topic.config()).forEach((key, value) -> {
                ConfigEntry entry = current == null ? null : current.get(key);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
                updated.add(topic.name());
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }
}
