package com.streambazaar.realtime.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.realtime.config.RealtimeConfig;
import com.streambazaar.realtime.config.ReplicaId;
import com.streambazaar.realtime.service.Credentials;
import com.streambazaar.realtime.service.RoomEngine;
import com.streambazaar.realtime.service.SocketIdentityResolver;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Engine.IO sessions of this replica, by sid, and what they share. */
@ApplicationScoped
public class EngineIoServer {

    final RealtimeConfig config;
    final ReplicaId replica;
    final RoomEngine engine;
    final SocketIdentityResolver identities;
    final ObjectMapper mapper;
    final Vertx vertx;
    private final Map<String, EngineIoSession> sessions = new ConcurrentHashMap<>();

    public EngineIoServer(RealtimeConfig config, ReplicaId replica, RoomEngine engine, SocketIdentityResolver identities,
                          ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.replica = replica;
        this.engine = engine;
        this.identities = identities;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    /** A new session; {@code sid} = {@code <replicaId>.<random>} (the edge routes by its prefix). */
    EngineIoSession create(Credentials credentials, FrameSink webSocket) {
        EngineIoSession session = new EngineIoSession(this, replica.newScopedId(), credentials, webSocket);
        sessions.put(session.sid, session);
        session.start();
        return session;
    }

    EngineIoSession find(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    /** Keeps a closed session findable for a moment (see {@link EngineIoSession#poll}). */
    void keep(EngineIoSession session) {
        sessions.put(session.sid, session);
    }

    void remove(EngineIoSession session) {
        sessions.remove(session.sid, session);
    }

    public int sessions() {
        return sessions.size();
    }
}
