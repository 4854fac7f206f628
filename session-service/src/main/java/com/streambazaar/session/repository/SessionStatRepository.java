package com.streambazaar.session.repository;

import com.streambazaar.common.event.contract.SessionStats;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Newest live figures per session. */
@ApplicationScoped
public class SessionStatRepository implements PanacheRepositoryBase<SessionStat, UUID> {

    /** Order-safe: figures taken before the stored ones change nothing. */
    private static final String UPSERT = """
            insert into session_stats (session_id, current_viewers, peak_viewers, total_views, reactions, messages,
                                       clicks, engagement, at)
            values (:sessionId, :currentViewers, :peakViewers, :totalViews, :reactions, :messages, :clicks,
                    :engagement, :at)
            on conflict (session_id) do update set current_viewers = excluded.current_viewers,
                peak_viewers = excluded.peak_viewers, total_views = excluded.total_views,
                reactions = excluded.reactions, messages = excluded.messages, clicks = excluded.clicks,
                engagement = excluded.engagement, at = excluded.at
            where session_stats.at <= excluded.at""";

    /** @return 1 when written, 0 when the stored figures were newer */
    public Uni<Integer> upsertIfNewer(SessionStats figures) {
        long reactions = Math.max(0, figures.reactions());
        long messages = Math.max(0, figures.messages());
        long clicks = Math.max(0, figures.clicks());
        return getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("sessionId", figures.sessionId())
                .setParameter("currentViewers", Math.max(0, figures.currentViewers()))
                .setParameter("peakViewers", Math.max(0, figures.peakViewers()))
                .setParameter("totalViews", Math.max(0, figures.totalViews()))
                .setParameter("reactions", reactions)
                .setParameter("messages", messages)
                .setParameter("clicks", clicks)
                .setParameter("engagement", reactions + messages + clicks)
                .setParameter("at", figures.at())
                .executeUpdate());
    }
}
