package com.streambazaar.session.repository;

import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Discovery queries. Text search is a case-insensitive "contains" over the lower-cased {@code search_text},
 * served by its trigram index; live, upcoming and trending use partial indexes on status.
 */
@ApplicationScoped
public class SessionSearchRepository {

    private final StreamSessionRepository sessions;

    public SessionSearchRepository(StreamSessionRepository sessions) {
        this.sessions = sessions;
    }

    /** Filters of {@code GET /api/search/sessions}; null fields do not filter. {@code likePattern} is escaped. */
    public record Filter(String likePattern, SessionStatus status, String category, Long creatorId) {
    }

    public enum Sort {
        NEWEST("createdAt desc, id"), OLDEST("createdAt asc, id"), TITLE("lower(title) asc, createdAt desc, id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    public Uni<SessionPage> search(Filter filter, Sort sort, int limit, int offset) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.likePattern() != null) {
            where.append(" and searchText like :text escape '\\'");
            params.and("text", filter.likePattern());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.category() != null) {
            where.append(" and lower(category) = :category");
            params.and("category", filter.category());
        }
        if (filter.creatorId() != null) {
            where.append(" and creatorId = :creatorId");
            params.and("creatorId", filter.creatorId());
        }
        return page(where.toString(), sort.orderBy, params, limit, offset);
    }

    public Uni<SessionPage> live(int limit, int offset) {
        return page("status = :status", "startedAt desc nulls last, id", Parameters.with("status", SessionStatus.LIVE),
                limit, offset);
    }

    /** Scheduled sessions: those with a date soonest first, then the undated ones, newest first. */
    public Uni<SessionPage> upcoming(int limit, int offset) {
        return page("status = :status", "scheduledAt asc nulls last, createdAt desc, id",
                Parameters.with("status", SessionStatus.SCHEDULED), limit, offset);
    }

    /** Live sessions by current viewers, then engagement (reactions + messages + clicks), then most recent start. */
    public Uni<SessionPage> trending(int limit, int offset) {
        return sessions.getSession().chain(session -> session.createSelectionQuery(
                                "select s from StreamSession s left join SessionStat st on st.sessionId = s.id "
                                        + "where s.status = :status order by coalesce(st.currentViewers, 0) desc, "
                                        + "coalesce(st.engagement, 0) desc, s.startedAt desc nulls last, s.id",
                                StreamSession.class)
                        .setParameter("status", SessionStatus.LIVE)
                        .setFirstResult(offset).setMaxResults(limit).getResultList())
                .chain(list -> sessions.count("status", SessionStatus.LIVE).map(total -> new SessionPage(list, total)));
    }

    private Uni<SessionPage> page(String where, String orderBy, Parameters params, int limit, int offset) {
        return sessions.find(where + " order by " + orderBy, params).range(offset, offset + limit - 1).list()
                .chain(list -> sessions.count(where, params).map(total -> new SessionPage(list, total)));
    }
}
