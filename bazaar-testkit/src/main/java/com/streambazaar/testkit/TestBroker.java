package com.streambazaar.testkit;


/** Lets a test stop and restart the module's Kafka broker (same port, same data). */
public final class TestBroker {

    private TestBroker() {
    }

    public static void stop() {
        BrokerControl.invoke("stop");
    }

    public static void start() {
        BrokerControl.invoke("start");
    }

    public static String bootstrapServers() {
        return System.getProperty(BazaarTestResources.BOOTSTRAP_PROPERTY);
    }

    /** JDBC URL of the module's test database, for assertions on what was stored. */
    public static String jdbcUrl() {
        return System.getProperty(BazaarTestResources.JDBC_URL_PROPERTY);
    }
}
