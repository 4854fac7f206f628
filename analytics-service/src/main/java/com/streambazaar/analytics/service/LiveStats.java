package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.ChatRepository;
import com.streambazaar.analytics.repository.ClickRepository;
import com.streambazaar.analytics.repository.ClickRepository.ProductClicks;
import com.streambazaar.analytics.repository.PublisherLeaseRepository;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.analytics.repository.SessionInfo;
import com.streambazaar.analytics.repository.SessionTotals;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.common.event.contract.SessionStats;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live figures of many sessions at one instant (the {@code session.stats} event), read set-wise: a handful of
 * queries whatever the number of live sessions.
 */
@ApplicationScoped
public class LiveStats {

    /** Trending products: ranked by unique clickers in this window (METRICS.md). */
    public static final Duration TRENDING_WINDOW = Duration.ofMinutes(5);
    /** Chat rate: messages in this window. */
    public static final Duration CHAT_WINDOW = Duration.ofMinutes(1);
    public static final int TRENDING_LIMIT = 5;

    private final SessionTotalsRepository totals;
    private final ReactionTallyRepository reactions;
    private final ClickRepository clicks;
    private final ChatRepository chat;
    private final SessionViewerRepository viewers;
    private final SessionReadModelRepository sessions;
    private final PublisherLeaseRepository leases;

    public LiveStats(SessionTotalsRepository totals, ReactionTallyRepository reactions, ClickRepository clicks,
                     ChatRepository chat, SessionViewerRepository viewers, SessionReadModelRepository sessions,
                     PublisherLeaseRepository leases) {
        this.sessions = sessions;
        this.leases = leases;
        this.totals = totals;
        this.reactions = reactions;
        this.clicks = clicks;
        this.chat = chat;
        this.viewers = viewers;
    }

    /** The outcome of one publishing round: whether this replica holds the lease, and what it should publish. */
    public record Round(boolean leader, List<SessionStats> snapshots) {
    }

    /**
     * Takes or renews the publisher lease {@code lease} for {@code holder}; when held, the figures of every live or
     * paused session, and of sessions ended less than {@code afterEnd} ago.
     */
    public Uni<Round> round(String lease, String holder, Duration leaseFor, Duration afterEnd, Instant now) {
        return leases.acquire(lease, holder, leaseFor).chain(held -> !held
                ? Uni.createFrom().item(new Round(false, List.of()))
                : sessions.liveOrJustEnded(afterEnd.toMillis() / 1000.0).chain(live -> at(live, now))
                .map(snapshots -> new Round(true, snapshots)));
    }

    /** Gives the lease up (shutdown), so that another replica takes over at once. */
    public Uni<Void> release(String lease, String holder) {
        return leases.release(lease, holder);
    }

    public Uni<List<SessionStats>> at(List<SessionInfo> sessions, Instant now) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = sessions.stream().map(SessionInfo::sessionId).toList();
        return Uni.combine().all().unis(totals.findAll(ids), reactions.countsBySessions(ids), clicks.tallies(ids),
                        clicks.since(ids, now.minus(TRENDING_WINDOW)), chat.countSince(ids, now.minus(CHAT_WINDOW)),
                        viewers.engagedByOpenViews(ids, now.toEpochMilli(), FigureLedger.ENGAGED_WATCH_MS))
                .with(parts -> {
                    Map<UUID, SessionTotals> sums = cast(parts.get(0));
                    Map<UUID, Map<String, Long>> reactionCounts = cast(parts.get(1));
                    List<ProductClicks> tallies = cast(parts.get(2));
                    List<ProductClicks> recent = cast(parts.get(3));
                    Map<UUID, Long> chatRates = cast(parts.get(4));
                    Map<UUID, Long> engagedLive = cast(parts.get(5));
                    Map<UUID, List<ProductClicks>> talliesBySession = group(tallies);
                    Map<UUID, List<ProductClicks>> recentBySession = group(recent);
                    List<SessionStats> stats = new ArrayList<>();
                    for (SessionInfo session : sessions) {
                        UUID id = session.sessionId();
                        stats.add(of(session, sums.getOrDefault(id, SessionTotals.empty(id)),
                                reactionCounts.getOrDefault(id, Map.of()), talliesBySession.getOrDefault(id, List.of()),
                                recentBySession.getOrDefault(id, List.of()), chatRates.getOrDefault(id, 0L),
                                engagedLive.getOrDefault(id, 0L), now));
                    }
                    return stats;
                });
    }

    static SessionStats of(SessionInfo session, SessionTotals t, Map<String, Long> reactionCounts,
                           List<ProductClicks> tallies, List<ProductClicks> recent, long chatLastMinute,
                           long engagedLive, Instant now) {
        long unique = t.uniqueViewers();
        Map<UUID, ProductClicks> byProduct = new LinkedHashMap<>();
        session.productIds().forEach(id -> byProduct.put(id, new ProductClicks(session.sessionId(), id, 0, 0)));
        tallies.forEach(c -> byProduct.put(c.productId(), c));
        List<SessionStats.ProductClickStat> productStats = new ArrayList<>();
        Map<UUID, Double> ctr = new HashMap<>();
        byProduct.forEach((id, c) -> {
            double rate = Durations.round(Durations.ratio(c.uniqueClickers(), unique), 4);
            ctr.put(id, rate);
            productStats.add(new SessionStats.ProductClickStat(id, c.uniqueClickers(), c.clicks(), rate));
        });
        List<ProductClicks> ranked = new ArrayList<>(recent);
        ranked.removeIf(c -> c.uniqueClickers() == 0);
        ranked.sort(Comparator.comparingLong(ProductClicks::uniqueClickers).reversed()
                .thenComparing(Comparator.comparingLong(ProductClicks::clicks).reversed())
                .thenComparing(ProductClicks::productId));
        List<SessionStats.TrendingProduct> trending = new ArrayList<>();
        for (int i = 0; i < Math.min(TRENDING_LIMIT, ranked.size()); i++) {
            ProductClicks c = ranked.get(i);
            trending.add(new SessionStats.TrendingProduct(i + 1, c.productId(), c.uniqueClickers(), c.clicks(),
                    ctr.getOrDefault(c.productId(), Durations.round(Durations.ratio(c.uniqueClickers(), unique), 4))));
        }
        long reactionTotal = reactionCounts.values().stream().mapToLong(Long::longValue).sum();
        long watch = t.watchMsAt(now.toEpochMilli());
        double averageWatch = t.views() == 0 ? 0 : Durations.seconds((double) watch / t.views());
        return new SessionStats(session.sessionId(), (int) t.openViews(), t.peak(), t.views(), reactionTotal,
                t.messages(), t.clicks(), now, unique, averageWatch, t.engagedViewers() + engagedLive,
                chatLastMinute, new LinkedHashMap<>(reactionCounts), WholePercentages.of(reactionCounts), productStats,
                trending);
    }

    private static Map<UUID, List<ProductClicks>> group(List<ProductClicks> clicks) {
        Map<UUID, List<ProductClicks>> grouped = new HashMap<>();
        clicks.forEach(c -> grouped.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(c));
        return grouped;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
