package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.ClickRepository;
import com.streambazaar.analytics.repository.ClickRepository.ProductClicks;
import com.streambazaar.analytics.repository.MinuteRow;
import com.streambazaar.analytics.repository.ProductCardRepository;
import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.analytics.repository.RollupRepository;
import com.streambazaar.analytics.repository.SessionInfo;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.SessionTotals;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.analytics.repository.ViewRepository;
import com.streambazaar.analytics.repository.ViewRow;
import com.streambazaar.analytics.service.Figures.CreatorCard;
import com.streambazaar.analytics.service.Figures.CurvePoint;
import com.streambazaar.analytics.service.Figures.Engagement;
import com.streambazaar.analytics.service.Figures.HourPoint;
import com.streambazaar.analytics.service.Figures.LiveViewer;
import com.streambazaar.analytics.service.Figures.LiveViewers;
import com.streambazaar.analytics.service.Figures.MinutePoint;
import com.streambazaar.analytics.service.Figures.ProductFigures;
import com.streambazaar.analytics.service.Figures.ProductLine;
import com.streambazaar.analytics.service.Figures.RangeCount;
import com.streambazaar.analytics.service.Figures.ReactionFigures;
import com.streambazaar.analytics.service.Figures.RetentionFigures;
import com.streambazaar.analytics.service.Figures.SessionDashboard;
import com.streambazaar.analytics.service.Figures.SessionSummary;
import com.streambazaar.analytics.service.Figures.ViewerFigures;
import com.streambazaar.analytics.service.Figures.ViewerHistory;
import com.streambazaar.analytics.service.Figures.ViewerVisit;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The creator's view of one session: the dashboard, who is watching now, and every view. Everything is read from
 * rollups kept at ingest (totals, minutes, the watch-time histogram, open views); a percentile reads only the views
 * within one second of watch time.
 */
@ApplicationScoped
public class SessionDashboards {

    /** The per-minute lists cover at most the broadcast's last 7 days (hourly figures cover all of it). */
    static final long MAX_TIMELINE_MINUTES = 7 * 24 * 60;

    private final SessionAccess access;
    private final SessionReadModelRepository sessions;
    private final SessionTotalsRepository totals;
    private final RollupRepository rollups;
    private final ViewRepository views;
    private final SessionViewerRepository viewers;
    private final ReactionTallyRepository reactions;
    private final ClickRepository clicks;
    private final ProductCardRepository products;
    private final WireClock clock;

    public SessionDashboards(SessionAccess access, SessionReadModelRepository sessions, SessionTotalsRepository totals,
                             RollupRepository rollups, ViewRepository views, SessionViewerRepository viewers,
                             ReactionTallyRepository reactions, ClickRepository clicks,
                             ProductCardRepository products, WireClock clock) {
        this.access = access;
        this.sessions = sessions;
        this.totals = totals;
        this.rollups = rollups;
        this.views = views;
        this.viewers = viewers;
        this.reactions = reactions;
        this.clicks = clicks;
        this.products = products;
        this.clock = clock;
    }

    private record Snapshot(SessionInfo session, SessionTotals totals, List<MinuteRow> minutes,
                            NavigableMap<Integer, Long> watchSeconds, long[] openWatchMs, Map<String, Long> reactions,
                            List<ProductClicks> clicks, long engagedByOpenViews) {
    }

    @WithSession
    public Uni<SessionDashboard> dashboard(Caller caller, UUID sessionId) {
        return access.owned(caller, sessionId).chain(owned -> {
            Instant now = clock.now();
            // the totals first: without open views (every ended session) the reads of open views are skipped, and
            // they are what costs, since the partial index of open views keeps the entries of closed ones until vacuum
            return totals.find(sessionId).chain(sums -> Uni.combine().all().unis(sessions.find(sessionId),
                            rollups.minutesOf(sessionId), rollups.watchSeconds(sessionId),
                            sums.openViews() == 0 ? Uni.createFrom().item(List.<Instant>of())
                                    : views.openStarts(sessionId),
                            reactions.countsBySession(sessionId), clicks.tallies(List.of(sessionId)),
                            sums.openViews() == 0 ? Uni.createFrom().item(0L)
                                    : viewers.engagedByOpenViews(sessionId, now.toEpochMilli(),
                                    FigureLedger.ENGAGED_WATCH_MS))
                    .with(parts -> new Snapshot((SessionInfo) parts.get(0), sums,
                            cast(parts.get(1)), cast(parts.get(2)), openWatch(cast(parts.get(3)), now),
                            cast(parts.get(4)), cast(parts.get(5)), (Long) parts.get(6))))
                    .chain(snapshot -> {
                        long[] open = snapshot.openWatchMs();
                        return views.closedWatchWithin(sessionId,
                                        RetentionMath.secondsNeeded(snapshot.watchSeconds(), open))
                                .map(values -> RetentionMath.percentiles(snapshot.watchSeconds(), open, values))
                                .chain(percentiles -> productNames(snapshot)
                                        .map(names -> build(snapshot, percentiles, names, now)));
                    });
        });
    }

    @WithSession
    public Uni<LiveViewers> live(Caller caller, UUID sessionId, PageRequest page) {
        return access.owned(caller, sessionId).chain(owned -> {
            Instant now = clock.now();
            return totals.find(sessionId).chain(sums -> views.open(sessionId, page.limit(), page.offset())
                    .map(open -> {
                        List<LiveViewer> list = new ArrayList<>();
                        for (ViewRow view : open) {
                            long watched = Math.max(0, Duration.between(view.startAt(), now).toSeconds());
                            list.add(new LiveViewer(view.viewId(), view.viewerId(), view.userId(), name(view),
                                    view.joinedAt(), watched));
                        }
                        return new LiveViewers(sessionId, sums.openViews(), list, sums.openViews(), page.limit(),
                                page.offset(), (long) page.offset() + list.size() < sums.openViews());
                    }));
        });
    }

    @WithSession
    public Uni<ViewerHistory> history(Caller caller, UUID sessionId, PageRequest page) {
        return access.owned(caller, sessionId).chain(owned -> {
            Instant now = clock.now();
            return totals.find(sessionId).chain(sums -> views.page(sessionId, page.limit(), page.offset())
                    .map(rows -> {
                        List<ViewerVisit> list = new ArrayList<>();
                        for (ViewRow view : rows) {
                            list.add(visit(view, now));
                        }
                        return new ViewerHistory(sessionId, sums.views(), list, page.limit(), page.offset(),
                                (long) page.offset() + list.size() < sums.views());
                    }));
        });
    }

    static ViewerVisit visit(ViewRow view, Instant now) {
        long watchMs = view.open() ? Math.max(0, Duration.between(view.startAt(), now).toMillis()) : view.watchMs();
        double seconds = Durations.seconds(watchMs);
        return new ViewerVisit(view.viewId(), view.viewerId(), view.userId(), name(view), view.joinedAt(),
                view.endAt(), seconds, Durations.format(seconds), view.open(), view.stays());
    }

    static String name(ViewRow view) {
        return view.username() != null ? view.username() : "Guest";
    }

    private Uni<Map<UUID, String>> productNames(Snapshot snapshot) {
        List<UUID> ids = new ArrayList<>(snapshot.session().productIds());
        snapshot.clicks().forEach(c -> ids.add(c.productId()));
        return products.names(ids);
    }

    private SessionDashboard build(Snapshot s, double[] percentilesMs, Map<UUID, String> names, Instant now) {
        SessionInfo session = s.session();
        SessionTotals t = s.totals();
        long nowMs = now.toEpochMilli();
        LiveInterval interval = new LiveInterval(session.startedAt(), session.endedAt());
        long watchMs = t.watchMsAt(nowMs);
        double perView = t.views() == 0 ? 0 : Durations.seconds((double) watchMs / t.views());
        double perViewer = t.uniqueViewers() == 0 ? 0 : Durations.seconds((double) watchMs / t.uniqueViewers());
        double averageConcurrent = Durations.round(interval.averageConcurrent(watchMs, now), 2);
        long engaged = t.engagedViewers() + s.engagedByOpenViews();
        ViewerFigures viewerFigures = new ViewerFigures(t.uniqueViewers(), t.signedInViewers(),
                t.uniqueViewers() - t.signedInViewers(), t.views(), t.peak(), t.peakAt(), averageConcurrent, perView,
                Durations.format(perView), perViewer, Durations.format(perViewer),
                java.math.BigDecimal.valueOf(watchMs).movePointLeft(3),
                t.openViews(), engaged);

        Map<UUID, ProductClicks> clicksByProduct = new HashMap<>();
        s.clicks().forEach(c -> clicksByProduct.put(c.productId(), c));
        List<ProductLine> lines = new ArrayList<>();
        int order = 0;
        int featured = 0;
        for (UUID productId : session.productIds()) {
            ProductClicks c = clicksByProduct.get(productId);
            boolean isFeatured = session.featuredProductIds().contains(productId);
            featured += isFeatured ? 1 : 0;
            long unique = c == null ? 0 : c.uniqueClickers();
            lines.add(new ProductLine(productId, names.get(productId), isFeatured, order++, c == null ? 0 : c.clicks(),
                    unique, Durations.percent(unique, t.uniqueViewers())));
        }

        long reactionTotal = s.reactions().values().stream().mapToLong(Long::longValue).sum();
        ReactionFigures reactionFigures = new ReactionFigures(reactionTotal, s.reactions(),
                WholePercentages.of(s.reactions()));

        long[] buckets = RetentionMath.bucketCounts(s.watchSeconds(), s.openWatchMs());
        List<RangeCount> ranges = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            ranges.add(new RangeCount(RetentionMath.BUCKETS.get(i).label(), buckets[i]));
        }
        double p25 = Durations.seconds(percentilesMs[0]);
        double p50 = Durations.seconds(percentilesMs[1]);
        double p75 = Durations.seconds(percentilesMs[2]);
        double p90 = Durations.seconds(percentilesMs[3]);
        RetentionFigures retention = new RetentionFigures(ranges, p25, p50, p75, p90, Durations.format(p25),
                Durations.format(p50), Durations.format(p75), Durations.format(p90));

        Engagement engagement = engagement(s, session, now, retention, engaged);
        SessionSummary summary = new SessionSummary(session.title(), session.status(),
                new CreatorCard(session.creatorId(), session.creatorUsername()), session.createdAt(),
                session.updatedAt(), session.startedAt(), session.endedAt());
        return new SessionDashboard(session.sessionId(), summary, viewerFigures,
                new ProductFigures(lines.size(), featured, lines), reactionFigures, engagement, now);
    }

    private static Engagement engagement(Snapshot s, SessionInfo session, Instant now, RetentionFigures retention,
                                         long engaged) {
        List<MinuteRow> rows = s.minutes();
        Instant from = session.startedAt();
        Instant to = session.endedAt() != null ? session.endedAt() : (session.startedAt() != null ? now : null);
        if (!rows.isEmpty()) {
            Instant first = rows.get(0).minute();
            Instant last = rows.get(rows.size() - 1).minute();
            from = from == null || first.isBefore(from) ? first : from;
            to = to == null || last.isAfter(to) ? last : to;
        }
        if (from != null && to != null && Duration.between(from, to).toMinutes() >= MAX_TIMELINE_MINUTES) {
            from = ConcurrencySweep.minuteOf(to).minus(Duration.ofMinutes(MAX_TIMELINE_MINUTES - 1));
        }
        List<ConcurrencySweep.Minute> concurrency = new ArrayList<>();
        Map<Instant, MinuteRow> byMinute = new HashMap<>();
        for (MinuteRow row : rows) {
            concurrency.add(row.concurrency());
            byMinute.put(row.minute(), row);
        }
        List<CurvePoint> curve = new ArrayList<>();
        List<MinutePoint> minutes = new ArrayList<>();
        for (ConcurrencySweep.Sample sample : ConcurrencySweep.curve(concurrency, from, to)) {
            curve.add(new CurvePoint(sample.at(), sample.viewers()));
            MinuteRow row = byMinute.get(sample.at());
            minutes.add(row == null ? new MinutePoint(sample.at(), 0, 0, 0, 0, 0, sample.viewers())
                    : new MinutePoint(sample.at(), row.joins(), row.leaves(), row.messages(), row.reactions(),
                    row.clicks(), sample.viewers()));
        }
        TreeMap<Instant, long[]> hours = new TreeMap<>();
        for (MinuteRow row : rows) {
            if (row.joins() == 0 && row.leaves() == 0 && row.messages() == 0 && row.reactions() == 0
                    && row.clicks() == 0) {
                continue;
            }
            long[] hour = hours.computeIfAbsent(row.minute().truncatedTo(ChronoUnit.HOURS), h -> new long[5]);
            hour[0] += row.joins();
            hour[1] += row.leaves();
            hour[2] += row.messages();
            hour[3] += row.reactions();
            hour[4] += row.clicks();
        }
        List<HourPoint> hourly = new ArrayList<>();
        hours.forEach((hour, c) -> hourly.add(new HourPoint(hour, c[0], c[1], c[2], c[3], c[4])));
        SessionTotals t = s.totals();
        return new Engagement(hourly, minutes, curve, retention, engaged, t.messages(), t.reactions(), t.clicks());
    }

    /** Watch time so far of each open view, sorted. */
    static long[] openWatch(List<Instant> starts, Instant now) {
        long[] watch = new long[starts.size()];
        for (int i = 0; i < watch.length; i++) {
            watch[i] = Math.max(0, Duration.between(starts.get(i), now).toMillis());
        }
        java.util.Arrays.sort(watch);
        return watch;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
