package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.CreatorRepository;
import com.streambazaar.analytics.repository.CreatorRepository.AudienceKey;
import com.streambazaar.analytics.repository.MinuteKey;
import com.streambazaar.analytics.repository.RollupRepository;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.analytics.repository.ViewRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Folds each touched minute's new points into its sweep state, or sweeps it again from its stored points. */
    private Uni<Void> sweepMinutes(SqlConnection connection, FigureLedger ledger,
                                   Map<MinuteKey, ConcurrencySweep.Minute> states) {
        Map<MinuteKey, List<ConcurrencySweep.Point>> byMinute = new TreeMap<>();
        ledger.points.forEach((key, change) -> byMinute.computeIfAbsent(
                        new MinuteKey(key.sessionId(), ConcurrencySweep.minuteOf(key.at())), k -> new ArrayList<>())
                .add(new ConcurrencySweep.Point(key.at(), change[0], change[1])));
        Map<MinuteKey, ConcurrencySweep.Minute> updated = new TreeMap<>();
        List<MinuteKey> resweep = new ArrayList<>();
        byMinute.forEach((minute, additions) -> {
            ConcurrencySweep.Minute current = states.getOrDefault(minute, ConcurrencySweep.Minute.empty(minute.at()));
            Optional<ConcurrencySweep.Minute> appended = ConcurrencySweep.append(current, additions);
            if (appended.isPresent()) {
                updated.put(minute, appended.get());
            } else {
                resweep.add(minute);
            }
        });
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MinuteKey minute : resweep) {
            chain = chain.chain(() -> views.pointsOf(connection, minute.sessionId(), minute.at())
                    .invoke(points -> updated.put(minute, ConcurrencySweep.summarize(minute.at(), points)))
                    .replaceWithVoid());
        }
        return chain.chain(() -> rollups.saveConcurrency(connection, updated));
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
