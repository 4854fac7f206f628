package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.CreatorRepository;
import com.streambazaar.analytics.repository.CreatorRepository.AudienceKey;
import com.streambazaar.analytics.repository.MinuteKey;
import com.streambazaar.analytics.repository.RollupRepository;
import com.streambazaar.analytics.repository.RollupRepository.SecondState;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.analytics.repository.SweepPoints;
import com.streambazaar.analytics.repository.ViewRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/** Writes a {@link FigureLedger} in the one order every transaction uses. */
@ApplicationScoped
public class FigureWriter {

    private final ViewRepository views;
    private final RollupRepository rollups;
    private final SessionViewerRepository viewers;
    private final SessionTotalsRepository totals;
    private final CreatorRepository creators;

    public FigureWriter(ViewRepository views, RollupRepository rollups, SessionViewerRepository viewers,
                        SessionTotalsRepository totals, CreatorRepository creators) {
        this.views = views;
        this.rollups = rollups;
        this.viewers = viewers;
        this.totals = totals;
        this.creators = creators;
    }

    public Uni<Void> write(SqlConnection connection, FigureLedger ledger) {
        return write(connection, ledger, () -> Uni.createFrom().voidItem());
    }

    /**
     * Writes the ledger: first the rows of single viewers (which concurrent batches rarely share), then the session's
     * shared rows (minutes, histogram, totals, creator totals), then {@code sharedExtras} (the caller's own shared rows),
     * so that concurrent batches of one session wait for each other only at the end.
     */
    public Uni<Void> write(SqlConnection connection, FigureLedger ledger, Supplier<Uni<Void>> sharedExtras) {
        ledger.dropEmptyDeltas();
        Map<AudienceKey, Integer> audience = new TreeMap<>();
        Map<AudienceKey, Integer> clickers = new TreeMap<>();
        ledger.countViewerTransitions(audience, clickers);
        ledger.dropEmptyDeltas();
        Map<Long, long[]> creatorDeltas = new HashMap<>();
        return views.delete(connection, ledger.deletedViews)
                .chain(() -> views.save(connection, sortedViews(ledger)))
                .chain(() -> viewers.update(connection, ledger.changedViewers(true)))
                .chain(() -> viewers.insert(connection, ledger.changedViewers(false)))
                .chain(() -> audience(connection, audience, clickers, creatorDeltas))
                .chain(() -> {
                    // every minute with a new concurrency instant is written (and so locked) with the counts
                    ledger.points.keySet().forEach(point -> ledger.minutes.computeIfAbsent(
                            new MinuteKey(point.sessionId(), ConcurrencySweep.minuteOf(point.at())), k -> new int[5]));
                    return rollups.addMinutes(connection, ledger.minutes);
                })
                .chain(states -> sweepMinutes(connection, ledger, states))
                .chain(() -> rollups.addWatchSeconds(connection, ledger.watchSeconds))
                .chain(() -> totals.add(connection, ledger.totals))
                .chain(() -> peaks(connection, ledger))
                .chain(() -> creators.addTotals(connection, creatorDeltas))
                .chain(() -> sharedExtras.get());
    }

    private static List<com.streambazaar.analytics.repository.ViewRow> sortedViews(FigureLedger ledger) {
        List<com.streambazaar.analytics.repository.ViewRow> sorted = new ArrayList<>(ledger.savedViews);
        sorted.sort((a, b) -> {
            int bySession = a.sessionId().compareTo(b.sessionId());
            if (bySession != 0) {
                return bySession;
            }
            int byStart = a.startAt().compareTo(b.startAt());
            return byStart != 0 ? byStart : a.viewId().compareTo(b.viewId());
        });
        return sorted;
    }

    /**
     * Folds each touched minute's new points into its sweep state and into its seconds' states. A second whose new
     * points do not simply follow its latest instant is swept again from its stored points; a minute that cannot
     * simply fold its new points is composed again from its seconds. The views are read only should a second's stored
     * points not agree with the changes (never, unless they were lost).
     */
    private Uni<Void> sweepMinutes(SqlConnection connection, FigureLedger ledger,
                                   Map<MinuteKey, ConcurrencySweep.Minute> states) {
        Map<MinuteKey, List<ConcurrencySweep.Point>> byMinute = new TreeMap<>();
        Map<MinuteKey, List<ConcurrencySweep.Point>> bySecond = new TreeMap<>();
        ledger.points.forEach((key, change) -> {
            ConcurrencySweep.Point point = new ConcurrencySweep.Point(key.at(), change[0], change[1]);
            byMinute.computeIfAbsent(new MinuteKey(key.sessionId(), ConcurrencySweep.minuteOf(key.at())),
                    k -> new ArrayList<>()).add(point);
            bySecond.computeIfAbsent(new MinuteKey(key.sessionId(), ConcurrencySweep.secondOf(key.at())),
                    k -> new ArrayList<>()).add(point);
        });
        if (byMinute.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return rollups.secondStates(connection, bySecond.keySet()).chain(stored -> {
            Map<MinuteKey, SecondState> seconds = new TreeMap<>();
            Map<UUID, List<Instant>> fromViews = new TreeMap<>();
            bySecond.forEach((second, additions) -> {
                SecondState current = stored.getOrDefault(second,
                        new SecondState(ConcurrencySweep.Minute.empty(second.at()), new TreeMap<>()));
                NavigableMap<Integer, int[]> points = new TreeMap<>();
                current.points().forEach((at, counts) -> points.put(at, counts.clone()));
                if (!SweepPoints.add(points, additions)) {
                    fromViews.computeIfAbsent(second.sessionId(), s -> new ArrayList<>()).add(second.at());
                    return;
                }
                ConcurrencySweep.Minute sweep = ConcurrencySweep.append(current.sweep(), additions).orElseGet(
                        () -> ConcurrencySweep.summarize(second.at(), SweepPoints.toList(second.at(), points)));
                seconds.put(second, new SecondState(sweep, points));
            });
            Map<MinuteKey, ConcurrencySweep.Minute> minutes = new TreeMap<>();
            List<MinuteKey> recompose = new ArrayList<>();
            byMinute.forEach((minute, additions) -> {
                ConcurrencySweep.Minute current = states.getOrDefault(minute,
                        ConcurrencySweep.Minute.empty(minute.at()));
                Optional<ConcurrencySweep.Minute> appended = ConcurrencySweep.append(current, additions);
                boolean secondsReread = fromViews.getOrDefault(minute.sessionId(), List.of()).stream()
                        .anyMatch(second -> ConcurrencySweep.minuteOf(second).equals(minute.at()));
                if (appended.isPresent() && !secondsReread) {
                    minutes.put(minute, appended.get());
                } else {
                    recompose.add(minute);
                }
            });
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<UUID, List<Instant>> entry : fromViews.entrySet()) {
                chain = chain.chain(() -> views.pointsWithin(connection, entry.getKey(), entry.getValue())
                        .invoke(points -> entry.getValue().forEach(second -> {
                            List<ConcurrencySweep.Point> own = points.getOrDefault(second, List.of());
                            seconds.put(new MinuteKey(entry.getKey(), second),
                                    new SecondState(ConcurrencySweep.summarize(second, own), SweepPoints.of(own)));
                        }))
                        .replaceWithVoid());
            }
            chain = chain.chain(() -> rollups.saveSeconds(connection, seconds));
            for (MinuteKey minute : recompose) {
                chain = chain.chain(() -> rollups.secondsOf(connection, minute.sessionId(), minute.at())
                        .invoke(parts -> minutes.put(minute, ConcurrencySweep.compose(minute.at(), parts)))
                        .replaceWithVoid());
            }
            return chain.chain(() -> rollups.saveConcurrency(connection, minutes));
        });
    }

    private Uni<Void> peaks(SqlConnection connection, FigureLedger ledger) {
        List<UUID> sessions = new ArrayList<>(ledger.sessionsWithNewPoints());
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        sessions.sort(null);
        Map<UUID, ConcurrencySweep.Peak> peaks = new TreeMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID session : sessions) {
            chain = chain.chain(() -> rollups.concurrencyOf(connection, session)
                    .invoke(minutes -> peaks.put(session, ConcurrencySweep.peak(minutes))).replaceWithVoid());
        }
        return chain.chain(() -> totals.savePeaks(connection, peaks));
    }

    /** Per-identity audience rows; the per-creator counts they change are collected for the shared phase. */
    private Uni<Void> audience(SqlConnection connection, Map<AudienceKey, Integer> audience,
                               Map<AudienceKey, Integer> clickers, Map<Long, long[]> deltas) {
        if (audience.isEmpty() && clickers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return creators.add(connection, new ArrayList<>(audience.entrySet()), false)
                .invoke(changes -> changes.forEach((creator, n) ->
                        deltas.computeIfAbsent(creator, c -> new long[2])[0] += n))
                .chain(() -> creators.add(connection, new ArrayList<>(clickers.entrySet()), true))
                .invoke(changes -> changes.forEach((creator, n) ->
                        deltas.computeIfAbsent(creator, c -> new long[2])[1] += n))
                .replaceWithVoid();
    }
}
