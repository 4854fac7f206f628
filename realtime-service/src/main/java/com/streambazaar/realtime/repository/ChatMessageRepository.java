package com.streambazaar.realtime.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Chat history of rooms. Callers provide the reactive session (@WithSession / @WithTransaction). */
@ApplicationScoped
public class ChatMessageRepository {

    public Uni<Long> countBySession(UUID sessionId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from chat_message where session_id = :sessionId", Long.class)
                .setParameter("sessionId", sessionId)
                .getSingleResult());
    }
}
