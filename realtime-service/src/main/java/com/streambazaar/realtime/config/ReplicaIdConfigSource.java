package com.streambazaar.realtime.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;

/**
 * The default of {@code bazaar.realtime.replica-id} (through {@code bazaar.generated-replica-id}): a random 8-character id, chosen once per process. Its ordinal is
 * below every real source, so {@code BAZAAR_REPLICA_ID} or application.properties win. Consumer group ids of the
 * fan-out channels refer to the same property, so they follow it.
 */
public class ReplicaIdConfigSource implements ConfigSource {

    static final String PROPERTY = "bazaar.generated-replica-id";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String RANDOM_ID = randomId();

    private static String randomId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("r");
        for (int i = 0; i < 7; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, RANDOM_ID);
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? RANDOM_ID : null;
    }

    @Override
    public String getName() {
        return "realtime-replica-id-default";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
