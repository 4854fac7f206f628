package com.streambazaar.launcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in its own JVM, from the
 * {@code kafka_2.13} jars the launcher ships in {@code target/lib} — no Docker, no Kafka download.
 *
 * <p>It is a separate process rather than a thread of the launcher so that its 384 MB heap, its log
 * output and a crash of either one stay apart, and so that it can be stopped last, after the services
 * that still flush to it on shutdown.
 *
 * <p>It creates no topic on its own: once it is ready the launcher creates the declared ones ({@link KafkaTopics}).
 *
 * <p>Its data lives in {@code .bazaar/kafka/data}, formatted once with a cluster id kept beside it, so
 * topics and consumer offsets survive restarts the way they do in a real environment.
 */
public final class KafkaBrokerProcess {

    static final String NAME = "kafka";

    private final SupervisedProcess process;
    private final String bootstrap;

    private KafkaBrokerProcess(SupervisedProcess process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    /** Writes the configuration, formats the log directory on first use and starts the broker (without waiting). */
    public static KafkaBrokerProcess start(LauncherSettings settings, StateDirectory state, JavaRuntime java) {
        return start(settings, state, java, false);
    }

    /** The same; {@code again}: the running stack's broker started once more (same data, log appended to). */
    public static KafkaBrokerProcess start(LauncherSettings settings, StateDirectory state, JavaRuntime java, boolean again) {
        Path kafkaDir = state.kafkaDir();
        Path dataDir = kafkaDir.resolve("data");
        Path config = kafkaDir.resolve("server.properties");
        writeConfig(config, dataDir, settings.kafkaPort(), settings.kafkaControllerPort());

        String clusterId = clusterId(kafkaDir, dataDir);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(java, state, config, clusterId);
        }

        List<String> command = new ArrayList<>(List.of(java.executable(),
                "-Xmx384m", "-Xms64m",
                // a local single-node broker does not need G1's footprint; serial GC keeps RSS down
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                state.processMarker()));
        command.addAll(loggingProperties());
        command.addAll(List.of("-cp", java.libraryClasspath(), "kafka.Kafka", config.toString()));
        SupervisedProcess process = SupervisedProcess.start(NAME, command, kafkaDir, Map.of(), state, again);
        return new KafkaBrokerProcess(process, "127.0.0.1:" + settings.kafkaPort());
    }

    public SupervisedProcess process() {
        return process;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /**
     * Ready means a client can talk to it: the port accepts and an AdminClient gets the cluster
     * description (the port opens a little before the broker has joined its own controller quorum).
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!PortGuard.accepts("127.0.0.1", portOf(bootstrap), 250)) {
            failIfExited();
            if (System.nanoTime() > deadline) {
                throw notReady(timeout);
            }
            sleep(100);
        }
        if (!describeCluster(bootstrap, deadline)) {
            failIfExited();
            throw notReady(timeout);
        }
    }

    /** Waits until a broker we did not start (KAFKA_BOOTSTRAP_SERVERS) answers, so services don't start blind. */
    public static void awaitExternal(String bootstrap, Duration timeout) {
        if (!describeCluster(bootstrap, System.nanoTime() + timeout.toNanos())) {
            throw new LauncherException("The Kafka broker at KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " did not answer within "
                    + timeout.toSeconds() + " s. Start it, or unset KAFKA_BOOTSTRAP_SERVERS to let the launcher run one.");
        }
    }

    private static boolean describeCluster(String bootstrap, long deadlineNanos) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadlineNanos) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get(4, TimeUnit.SECONDS);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    sleep(200);
                }
            }
            return false;
        }
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            throw new LauncherException("Kafka exited with code " + process.exitCode() + " while starting. Last lines of "
                    + process.log() + ":\n" + process.logTail(30));
        }
    }

    private LauncherException notReady(Duration timeout) {
        return new LauncherException("Kafka did not become ready within " + timeout.toSeconds() + " s. Last lines of "
                + process.log() + ":\n" + process.logTail(30));
    }

    /**
     * The broker configuration, rewritten on every start so port changes take effect; only the data
     * directory and cluster id must stay the same across runs.
     */
    static void writeConfig(Path config, Path dataDir, int port, int controllerPort) {
        String text = String.join("\n",
                "# Written by bazaar-launcher on every start: edit the launcher, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir,
                // topics exist only as declared (KafkaTopics: deploy/kubernetes/base/kafka-topics.yaml, with their
                // partitions, retention and compaction), as on the Kubernetes cluster: a typo or a stray producer
                // cannot create one
                "auto.create.topics.enable=false",
                "num.partitions=3",
                // one broker: every internal topic must accept a single replica or it never gets created
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                // without this the first consumer group waits 3 s before its first assignment
                "group.initial.rebalance.delay.ms=0",
                // the default 128 MB dedupe buffer would take a third of the heap for two tiny compacted topics
                "log.cleaner.dedupe.buffer.size=8388608",
                "num.network.threads=2",
                "num.io.threads=2",
                "num.recovery.threads.per.data.dir=1",
                "log.retention.hours=168",
                "log.segment.bytes=67108864",
                "");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(config, text);
        } catch (IOException e) {
            throw new LauncherException("Cannot write " + config + ": " + e.getMessage());
        }
    }

    /** The cluster id kept in the state folder; data formatted with another id would be refused by the broker. */
    static String clusterId(Path kafkaDir, Path dataDir) {
        Path idFile = kafkaDir.resolve("cluster.id");
        try {
            if (Files.exists(idFile)) {
                return Files.readString(idFile).trim();
            }
            String id = fromMetaProperties(dataDir.resolve("meta.properties"));
            if (id == null) {
                id = Uuid.randomUuid().toString();
            }
            Files.writeString(idFile, id + "\n");
            return id;
        } catch (IOException e) {
            throw new LauncherException("Cannot read or write " + idFile + ": " + e.getMessage());
        }
    }

    private static String fromMetaProperties(Path meta) throws IOException {
        if (!Files.exists(meta)) {
            return null;
        }
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(meta)) {
            props.load(in);
        }
        return props.getProperty("cluster.id");
    }

    /**
     * Formats the log directory with kafka-storage's tool, in a short separate JVM: {@code StorageTool.main}
     * exits the JVM, and keeping the broker's classes out of the launcher keeps the launcher small.
     */
    private static void format(JavaRuntime java, StateDirectory state, Path config, String clusterId) {
        Path log = state.logsDir().resolve("kafka-format.log");
        List<String> command = new ArrayList<>(List.of(java.executable(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(loggingProperties());
        command.addAll(List.of("-cp", java.libraryClasspath(), "kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"));
        try {
            Process format = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new LauncherException("Formatting Kafka's log directory took more than 60 s; see " + log);
            }
            if (format.exitValue() != 0) {
                throw new LauncherException("Formatting Kafka's log directory failed (exit " + format.exitValue() + "):\n"
                        + StateDirectory.tail(log, 20));
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot run Kafka's StorageTool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while formatting Kafka's log directory");
        }
    }

    /** slf4j-simple settings for the broker's JVM: timestamps, and the chattiest loggers turned down. */
    private static List<String> loggingProperties() {
        return List.of(
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.coordinator=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.utils.AppInfoParser=warn");
    }

    private static int portOf(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
