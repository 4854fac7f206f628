package com.streambazaar.analytics.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Exact reaction counts per session and type. Callers provide the reactive session. */
@ApplicationScoped
public class ReactionTallyRepository {

    public Uni<Void> increment(UUID sessionId, String type) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into reaction_tally (session_id, type, count) values (:sessionId, :type, 1) "
                                + "on conflict (session_id, type) do update set count = reaction_tally.count + 1")
                .setParameter("sessionId", sessionId)
                .setParameter("type", type)
                .executeUpdate()).replaceWithVoid();
    }

    /** Counts by type, largest first. */
    public Uni<Map<String, Long>> countsBySession(UUID sessionId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select type, count from reaction_tally where session_id = :sessionId order by count desc, type",
                        Object[].class)
                .setParameter("sessionId", sessionId)
                .getResultList())
                .map(ReactionTallyRepository::toMap);
    }

    private static Map<String, Long> toMap(List<Object[]> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
