package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaBrokerProcessTest {

    @TempDir
    Path dir;

    @Test
    void configuresASingleNodeKraftBroker() throws Exception {
        Path config = dir.resolve("server.properties");
        KafkaBrokerProcess.writeConfig(config, dir.resolve("data"), 19092, 19093);
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(config)) {
            props.load(in);
        }
        assertEquals("broker,controller", props.getProperty("process.roles"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", props.getProperty("listeners"));
        assertEquals("1@127.0.0.1:19093", props.getProperty("controller.quorum.voters"));
        assertEquals("3", props.getProperty("num.partitions"));
        assertEquals("false", props.getProperty("auto.create.topics.enable"), "topics exist only as declared (KafkaTopics)");
        assertEquals("0", props.getProperty("group.initial.rebalance.delay.ms"));
        for (String key : new String[]{"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr"}) {
            assertEquals("1", props.getProperty(key), key);
        }
        assertEquals(dir.resolve("data").toString(), props.getProperty("log.dirs"));
    }

    @Test
    void keepsItsClusterIdAcrossRuns() {
        String first = KafkaBrokerProcess.clusterId(dir, dir.resolve("data"));
        assertEquals(first, KafkaBrokerProcess.clusterId(dir, dir.resolve("data")));
        assertEquals(22, first.length(), "Kafka's base64 UUID form");
    }

    @Test
    void adoptsTheIdOfDataFormattedBefore() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/meta.properties"), "cluster.id=AbCdEfGhIjKlMnOpQrStUv\nnode.id=1\nversion=1\n");
        assertEquals("AbCdEfGhIjKlMnOpQrStUv", KafkaBrokerProcess.clusterId(dir, dir.resolve("data")));
    }
}
