package com.streambazaar.testkit;

/**
 * JMX face of the test broker. Test resources and tests may be loaded by different class loaders; the platform
 * MBean server is the one registry both reach.
 */
public interface BrokerControlMBean {
    void stop();

    void start();
}
