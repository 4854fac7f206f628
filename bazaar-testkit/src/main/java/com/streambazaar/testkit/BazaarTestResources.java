package com.streambazaar.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a service needs to run in a test, all real: a fresh Postgres database, an in-JVM Kafka broker and
 * JWT keys. Use it on every test class of a module ({@code @QuarkusTestResource(value = BazaarTestResources.class,
 * restrictToAnnotatedClass = false)} once per module is enough) so the module starts Quarkus once.
 */
public class BazaarTestResources implements QuarkusTestResourceLifecycleManager {

    static final String BOOTSTRAP_PROPERTY = "bazaar.test.kafka.bootstrap";
    static final String JDBC_URL_PROPERTY = "bazaar.test.db.jdbc-url";

    private PostgresTestDatabase database;
    private KafkaTestBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            database = PostgresTestDatabase.create();
            broker = new KafkaTestBroker();
            broker.start();
            TestJwtKeys keys = TestJwtKeys.generate();
            System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            System.setProperty(JDBC_URL_PROPERTY, database.jdbcUrl());
            BrokerControl.register(broker);

            Map<String, String> config = new HashMap<>();
            config.put("bazaar.db.host", database.host());
            config.put("bazaar.db.port", String.valueOf(database.port()));
            config.put("bazaar.db.name", database.database());
            config.put("bazaar.db.user", database.user());
            database.password().ifPresent(p -> config.put("bazaar.db.password", p));
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("mp.jwt.verify.publickey.location", keys.jwksLocation());
            config.put("bazaar.auth.keys-dir", Files.createTempDirectory("bazaar-auth-keys-").toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        BrokerControl.unregister();
        if (broker != null) {
            broker.delete();
        }
        if (database != null) {
            database.drop();
        }
    }
}
