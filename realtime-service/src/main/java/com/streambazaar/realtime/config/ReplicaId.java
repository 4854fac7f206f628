package com.streambazaar.realtime.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * This replica's id and the ids it issues. Every Engine.IO sid (and Socket.IO pid) is {@code <replicaId>.<random>}:
 * the edge sends each polling request and upgrade carrying {@code sid=<replicaId>.…} to the replica that owns it.
 */
@ApplicationScoped
public class ReplicaId {

    /** A DNS label: in Kubernetes the replica id is the pod name. */
    public static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,63}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final String id;

    @Inject
    public ReplicaId(RealtimeConfig config) {
        this(config.replicaId());
    }

    ReplicaId(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("bazaar.realtime.replica-id (BAZAAR_REPLICA_ID) must match [a-z0-9-]{1,63}, got '"
                    + id + "'");
        }
        this.id = id;
    }

    public static ReplicaId of(String id) {
        return new ReplicaId(id);
    }

    public String id() {
        return id;
    }

    /** A fresh {@code <replicaId>.<16 url-safe random chars>} (96 random bits). */
    public String newScopedId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return id + "." + URL_SAFE.encodeToString(bytes);
    }

    /** True when an id issued by {@link #newScopedId()} came from this replica. */
    public boolean owns(String scopedId) {
        return scopedId != null && scopedId.length() > id.length() && scopedId.startsWith(id)
                && scopedId.charAt(id.length()) == '.';
    }
}
