package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.ClickRepository;
import com.streambazaar.analytics.repository.ClickRepository.ProductClicks;
import com.streambazaar.analytics.repository.CreatorRepository;
import com.streambazaar.analytics.repository.CreatorRepository.CreatorTotals;
import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.analytics.repository.SessionInfo;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.SessionTotals;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.service.Figures.CreatorAnalytics;
import com.streambazaar.analytics.service.Figures.CreatorData;
import com.streambazaar.analytics.service.Figures.CreatorProducts;
import com.streambazaar.analytics.service.Figures.CreatorViewers;
import com.streambazaar.analytics.service.Figures.ReactionTotals;
import com.streambazaar.analytics.service.Figures.SessionCounts;
import com.streambazaar.common.event.contract.SessionState;
import com.streambazaar.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creator-wide figures over the creator's sessions (deleted ones left out): per-session totals summed, distinct
 * viewers and clickers from the creator's audience kept at ingest (never a scan of views).
 */
@ApplicationScoped
public class CreatorFigures {

    private final SessionReadModelRepository sessions;
    private final SessionTotalsRepository totals;
    private final ReactionTallyRepository reactions;
    private final ClickRepository clicks;
    private final CreatorRepository creators;

    public CreatorFigures(SessionReadModelRepository sessions, SessionTotalsRepository totals,
                          ReactionTallyRepository reactions, ClickRepository clicks, CreatorRepository creators) {
        this.sessions = sessions;
        this.totals = totals;
        this.reactions = reactions;
        this.clicks = clicks;
        this.creators = creators;
    }

    public Uni<CreatorAnalytics> of(Caller caller, long creatorId) {
        SessionAccess.requireCreatorOrAdmin(caller, creatorId);
        return sessions.ofCreator(creatorId).chain(list -> {
            List<UUID> ids = list.stream().map(SessionInfo::sessionId).toList();
            return Uni.combine().all().unis(totals.findAll(ids), reactions.countsByCreator(creatorId),
                            clicks.talliesOfCreator(creatorId), creators.totals(creatorId)).asTuple()
                    .map(parts -> build(creatorId, list, parts.getItem1(), parts.getItem2(), parts.getItem3(),
                            parts.getItem4()));
        });
    }

    private static CreatorAnalytics build(long creatorId, List<SessionInfo> list, Map<UUID, SessionTotals> totals,
                                          Map<String, Long> reactionCounts, List<ProductClicks> tallies,
                                          CreatorTotals audience) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String status : List.of(SessionState.STATUS_LIVE, SessionState.STATUS_ENDED,
                SessionState.STATUS_SCHEDULED, SessionState.STATUS_PAUSED)) {
            byStatus.put(status, 0L);
        }
        long uniqueSum = 0;
        int peak = 0;
        for (SessionInfo session : list) {
            byStatus.merge(session.status(), 1L, Long::sum);
            SessionTotals t = totals.get(session.sessionId());
            if (t != null) {
                uniqueSum += t.uniqueViewers();
                peak = Math.max(peak, t.peak());
            }
        }
        double averagePerSession = list.isEmpty() ? 0 : Durations.round((double) uniqueSum / list.size(), 2);
        long reactionTotal = reactionCounts.values().stream().mapToLong(Long::longValue).sum();
        long totalClicks = 0;
        double ctrSum = 0;
        int clicked = 0;
        for (ProductClicks tally : tallies) {
            totalClicks += tally.clicks();
            if (tally.clicks() > 0) {
                SessionTotals t = totals.get(tally.sessionId());
                ctrSum += Durations.ratio(tally.uniqueClickers(), t == null ? 0 : t.uniqueViewers()) * 100;
                clicked++;
            }
        }
        double averageCtr = clicked == 0 ? 0 : Durations.round(ctrSum / clicked, 2);
        CreatorData data = new CreatorData(new SessionCounts(list.size(), byStatus),
                new CreatorViewers(audience.uniqueViewers(), averagePerSession, peak),
                new ReactionTotals(reactionTotal, reactionCounts),
                new CreatorProducts(totalClicks, audience.uniqueClickers(), averageCtr));
        return new CreatorAnalytics(true, "Creator analytics retrieved", creatorId, data);
    }
}
