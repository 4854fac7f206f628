package com.streambazaar.testkit;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** Registers the running test broker so {@link TestBroker} can stop and restart it. */
final class BrokerControl implements BrokerControlMBean {

    static final String NAME = "com.streambazaar.testkit:type=KafkaTestBroker";

    private final KafkaTestBroker broker;

    private BrokerControl(KafkaTestBroker broker) {
        this.broker = broker;
    }

    static void register(KafkaTestBroker broker) {
        try {
            ObjectName name = new ObjectName(NAME);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new BrokerControl(broker), name);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    static void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(NAME));
        } catch (JMException ignored) {
            // already gone
        }
    }

    static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(NAME), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("No test broker to " + operation
                    + ": is the test annotated with BazaarTestResources?", e);
        }
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public void start() {
        broker.start();
    }
}
