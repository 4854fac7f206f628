package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.CreatorRepository.AudienceKey;
import com.streambazaar.analytics.repository.MinuteKey;
import com.streambazaar.analytics.repository.RollupRepository.SecondKey;
import com.streambazaar.analytics.repository.SessionInfo;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.repository.StayRow;
import com.streambazaar.analytics.repository.ViewRow;
import com.streambazaar.analytics.repository.ViewerKey;
import com.streambazaar.analytics.repository.ViewerRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static com.streambazaar.analytics.repository.SessionTotalsRepository.CLICKERS;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.CLICKS;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.CLOSED_WATCH;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.ENGAGED;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.MESSAGES;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.OPEN_START_SUM;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.OPEN_VIEWS;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.REACTIONS;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.SIGNED_IN;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.UNIQUE;
import static com.streambazaar.analytics.repository.SessionTotalsRepository.VIEWS;

/**
 * Everything one transaction changes in the figures, collected as deltas and written at the end in one fixed order
 * (views, minutes, histogram, viewers, totals, creators) with sorted keys, so concurrent transactions take row locks
 * in the same order. It holds the viewers the transaction locked (and those it creates), with their stays: a viewer's
 * views are derived from their stays and the session's live interval, before and after the transaction's changes, and
 * only the difference is written.
 *
 * <p>A view contributes to: views, open views and their start sum, or closed watch time and its histogram second; its
 * join minute and (closed) leave minute; the concurrency at its clipped start and end; and its viewer's sums.
 */
public final class FigureLedger {

    /** Watched at least this long: an engaged viewer (METRICS.md). */
    public static final long ENGAGED_WATCH_MS = 5 * 60 * 1000;

    private final Map<UUID, SessionInfo> before;
    private final Map<UUID, SessionInfo> after;
    private final Set<UUID> audienceKeptElsewhere;
    private final Map<ViewerKey, ViewerRow> locked;
    private final Set<ViewerKey> allowed;
    private final Map<ViewerKey, Tally> viewers = new HashMap<>();
    private final Set<ViewerKey> staysChanged = new HashSet<>();

    final List<ViewRow> savedViews = new ArrayList<>();
    final List<ViewRow> deletedViews = new ArrayList<>();
    final NavigableMap<MinuteKey, int[]> minutes = new TreeMap<>();
    final NavigableMap<MinuteKey, int[]> points = new TreeMap<>();
    final NavigableMap<SecondKey, Integer> watchSeconds = new TreeMap<>();
    final NavigableMap<UUID, long[]> totals = new TreeMap<>();

    /**
     * @param before                what was known of the sessions when the viewers' views were last derived
     * @param after                 what is known now (the same, unless the session's state changes in this
     *                              transaction)
     * @param lockedViewers         the existing viewer rows this transaction locked
     * @param allowed               every viewer this transaction may change (locked, or new: no row yet)
     * @param audienceKeptElsewhere sessions whose creator-wide audience the caller keeps itself
     */
    public FigureLedger(Map<UUID, SessionInfo> before, Map<UUID, SessionInfo> after,
                        Map<ViewerKey, ViewerRow> lockedViewers, Collection<ViewerKey> allowed,
                        Set<UUID> audienceKeptElsewhere) {
        this.before = before;
        this.after = after;
        this.locked = lockedViewers;
        this.allowed = new HashSet<>(allowed);
        this.audienceKeptElsewhere = audienceKeptElsewhere;
    }

    public FigureLedger(Map<UUID, SessionInfo> sessions, Map<ViewerKey, ViewerRow> lockedViewers,
                        Collection<ViewerKey> allowed) {
        this(sessions, sessions, lockedViewers, allowed, Set.of());
    }

    public SessionInfo session(UUID sessionId) {
        return after.get(sessionId);
    }

    /** Whether the identity is the session's own creator (a publisher, never a viewer). */
    public boolean isCreator(UUID sessionId, String viewerId, Long userId) {
        return isCreator(after.get(sessionId), viewerId, userId);
    }

    private static boolean isCreator(SessionInfo session, String viewerId, Long userId) {
        return session != null && (session.creatorViewerId().equals(viewerId)
                || (userId != null && userId == session.creatorId()));
    }

    // ---- stays ----

    /** What an event said of one stay: the earliest join and the earliest leave win, whichever arrives first. */
    public void recordStay(StayRow incoming) {
        ViewerKey key = new ViewerKey(incoming.sessionId(), incoming.viewerId());
        Tally tally = tally(key);
        tally.identify(incoming.userId(), incoming.username());
        for (int i = 0; i < tally.stays.size(); i++) {
            StayRow stay = tally.stays.get(i);
            if (stay.stayId().equals(incoming.stayId())) {
                tally.stays.set(i, new StayRow(stay.sessionId(), stay.viewerId(), stay.stayId(), stay.userId(),
                        stay.username(), stay.replicaId() != null ? stay.replicaId() : incoming.replicaId(),
                        earliest(stay.joinedAt(), incoming.joinedAt()), earliest(stay.leftAt(), incoming.leftAt()),
                        stay.lostAt()));
                staysChanged.add(key);
                return;
            }
        }
        tally.stays.add(incoming);
        staysChanged.add(key);
    }

    /** The replica died: the viewer's stays still open on it end at {@code lastAlive}. True when any did. */
    public boolean loseStays(ViewerKey key, String replicaId, Instant lastAlive) {
        Tally tally = tally(key);
        boolean changed = false;
        for (int i = 0; i < tally.stays.size(); i++) {
            StayRow s = tally.stays.get(i);
            if (replicaId.equals(s.replicaId()) && s.joinedAt() != null && s.leftAt() == null && s.lostAt() == null) {
                Instant at = lastAlive.isBefore(s.joinedAt()) ? s.joinedAt() : lastAlive;
                tally.stays.set(i, new StayRow(s.sessionId(), s.viewerId(), s.stayId(), s.userId(), s.username(),
                        s.replicaId(), s.joinedAt(), null, at));
                changed = true;
            }
        }
        if (changed) {
            staysChanged.add(key);
        }
        return changed;
    }

    /** The replicas are alive after all: the viewer's stays they left behind (never left) are open again. */
    public void reviveStays(ViewerKey key, Set<String> replicaIds) {
        Tally tally = tally(key);
        for (int i = 0; i < tally.stays.size(); i++) {
            StayRow s = tally.stays.get(i);
            if (s.lostAt() != null && s.leftAt() == null && replicaIds.contains(s.replicaId())) {
                tally.stays.set(i, new StayRow(s.sessionId(), s.viewerId(), s.stayId(), s.userId(), s.username(),
                        s.replicaId(), s.joinedAt(), null, null));
                staysChanged.add(key);
            }
        }
    }

    /**
     * Brings the viewer's stored views in line with their stays and the session's interval: the views derived before
     * this transaction are replaced by the views derived now (unchanged ones are left alone).
     */
    public void recomputeViews(ViewerKey key) {
        Tally tally = tally(key);
        ViewerRow original = locked.get(key);
        List<StayRow> oldStays = original == null ? List.of() : original.stays();
        List<ViewRow> old = derive(before.get(key.sessionId()), key, oldStays, original == null ? null
                : original.userId(), original == null ? null : original.username());
        List<ViewRow> now = derive(after.get(key.sessionId()), key, tally.stays, tally.userId, tally.username);
        Map<UUID, ViewRow> byId = new HashMap<>();
        old.forEach(view -> byId.put(view.viewId(), view));
        for (ViewRow view : now) {
            ViewRow previous = byId.remove(view.viewId());
            if (previous != null && !previous.startAt().equals(view.startAt())) {
                // the key moved (a new start): the old row goes, the new one comes
                view(previous, null);
                view(null, view);
            } else {
                view(previous, view);
            }
        }
        byId.values().forEach(view -> view(view, null));
    }

    /** Viewers whose stays this transaction changed (their views must be recomputed). */
    public Set<ViewerKey> viewersWithNewStays() {
        return staysChanged;
    }

    /** The views the stays make, clipped to the live interval; none for the session's creator. */
    static List<ViewRow> derive(SessionInfo session, ViewerKey key, List<StayRow> stays, Long userId, String username) {
        List<ViewRow> views = new ArrayList<>();
        if (stays.isEmpty() || isCreator(session, key.viewerId(), userId)) {
            return views;
        }
        LiveInterval interval = session == null ? LiveInterval.UNKNOWN
                : new LiveInterval(session.startedAt(), session.endedAt());
        for (RejoinMerger.MergedView merged : RejoinMerger.merge(stays)) {
            LiveInterval.Clipped clipped = interval.clip(merged.joinedAt(), merged.rawEnd());
            List<String> replicas = new ArrayList<>();
            if (merged.rawEnd() == null) {
                for (StayRow stay : stays) {
                    if (stay.joinedAt() != null && stay.end() == null && stay.replicaId() != null
                            && !replicas.contains(stay.replicaId())
                            && !stay.joinedAt().isBefore(merged.joinedAt())) {
                        replicas.add(stay.replicaId());
                    }
                }
                replicas.sort(null);
            }
            views.add(new ViewRow(key.sessionId(), key.viewerId(), merged.viewId(), userId, username,
                    merged.joinedAt(), merged.rawEnd(), clipped.start(), clipped.end(), clipped.watchMs(),
                    merged.stays(), replicas));
        }
        return views;
    }

    // ---- views and interactions ----

    /** Replaces a view ({@code oldView} null: new; {@code newView} null: gone). */
    void view(ViewRow oldView, ViewRow newView) {
        if (Objects.equals(oldView, newView)) {
            return;
        }
        if (oldView != null) {
            contribute(oldView, -1);
        }
        if (newView != null) {
            contribute(newView, 1);
            savedViews.add(newView);
        } else if (oldView != null) {
            deletedViews.add(oldView);
        }
    }

    private void contribute(ViewRow view, int sign) {
        UUID session = view.sessionId();
        Tally viewer = tally(new ViewerKey(session, view.viewerId()));
        long[] sums = totalsOf(session);
        sums[VIEWS] += sign;
        viewer.views += sign;
        minute(session, view.joinedAt())[0] += sign;
        if (view.open()) {
            long start = view.startAt().toEpochMilli();
            sums[OPEN_VIEWS] += sign;
            sums[OPEN_START_SUM] += sign * start;
            viewer.openViews += sign;
            viewer.openStartSumMs += sign * start;
        } else {
            sums[CLOSED_WATCH] += sign * view.watchMs();
            viewer.closedWatchMs += sign * view.watchMs();
            watchSeconds.merge(new SecondKey(session, RetentionMath.secondOf(view.watchMs())), sign, Integer::sum);
            minute(session, view.endAt())[1] += sign;
        }
        if (view.overlapsLiveInterval()) {
            point(session, view.startAt())[0] += sign;
            if (!view.open()) {
                point(session, view.endAt())[1] += sign;
            }
        }
    }

    public void message(ViewerKey viewer, Instant at, int count) {
        tally(viewer).messages += count;
        totalsOf(viewer.sessionId())[MESSAGES] += count;
        minute(viewer.sessionId(), at)[2] += count;
    }

    public void reaction(ViewerKey viewer, Instant at, Long userId) {
        Tally tally = tally(viewer);
        tally.reactions++;
        tally.identify(userId, null);
        totalsOf(viewer.sessionId())[REACTIONS]++;
        minute(viewer.sessionId(), at)[3]++;
    }

    public void click(ViewerKey viewer, Instant at, Long userId) {
        Tally tally = tally(viewer);
        tally.clicks++;
        tally.identify(userId, null);
        totalsOf(viewer.sessionId())[CLICKS]++;
        minute(viewer.sessionId(), at)[4]++;
    }

    public void identify(ViewerKey viewer, Long userId, String username) {
        tally(viewer).identify(userId, username);
    }

    // ---- what the writer writes ----

    private List<ViewerRow> changedExisting;
    private List<ViewerRow> changedNew;

    /** Viewer rows that changed, sorted: those that exist, and those to create (computed once, when writing). */
    List<ViewerRow> changedViewers(boolean existing) {
        if (changedExisting == null) {
            changedExisting = new ArrayList<>();
            changedNew = new ArrayList<>();
            List<ViewerKey> keys = new ArrayList<>(viewers.keySet());
            keys.sort(null);
            for (ViewerKey key : keys) {
                ViewerRow original = locked.get(key);
                ViewerRow row = viewers.get(key).row(key);
                if (original == null) {
                    if (!row.equals(ViewerRow.empty(key))) {
                        changedNew.add(row);
                    }
                } else if (!row.equals(original)) {
                    changedExisting.add(row);
                }
            }
        }
        return existing ? changedExisting : changedNew;
    }

    /** Adds the totals that follow from viewers crossing a line (first view, engagement, first click). */
    void countViewerTransitions(Map<AudienceKey, Integer> audience, Map<AudienceKey, Integer> clickers) {
        List<ViewerRow> changed = new ArrayList<>(changedViewers(true));
        changed.addAll(changedViewers(false));
        for (ViewerRow row : changed) {
            ViewerKey key = new ViewerKey(row.sessionId(), row.viewerId());
            ViewerRow old = locked.getOrDefault(key, ViewerRow.empty(key));
            long[] sums = totalsOf(row.sessionId());
            int viewed = flag(row.views() > 0) - flag(old.views() > 0);
            sums[UNIQUE] += viewed;
            sums[SIGNED_IN] += flag(row.views() > 0 && row.userId() != null)
                    - flag(old.views() > 0 && old.userId() != null);
            sums[ENGAGED] += flag(row.engaged()) - flag(old.engaged());
            int clicked = flag(row.clicks() > 0) - flag(old.clicks() > 0);
            sums[CLICKERS] += clicked;
            SessionInfo session = after.get(row.sessionId());
            if (session != null && !session.deleted() && !audienceKeptElsewhere.contains(session.sessionId())) {
                AudienceKey audienceKey = new AudienceKey(session.creatorId(), row.viewerId());
                if (viewed != 0) {
                    audience.merge(audienceKey, viewed, Integer::sum);
                }
                if (clicked != 0) {
                    clickers.merge(audienceKey, clicked, Integer::sum);
                }
            }
        }
    }

    Set<UUID> sessionsWithNewPoints() {
        Set<UUID> touched = new HashSet<>();
        points.forEach((key, change) -> touched.add(key.sessionId()));
        return touched;
    }

    void dropEmptyDeltas() {
        points.values().removeIf(change -> change[0] == 0 && change[1] == 0);
        watchSeconds.values().removeIf(change -> change == 0);
        minutes.values().removeIf(counts -> Arrays.stream(counts).allMatch(v -> v == 0));
        totals.values().removeIf(sums -> Arrays.stream(sums).allMatch(v -> v == 0));
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private int[] minute(UUID session, Instant at) {
        return minutes.computeIfAbsent(new MinuteKey(session, ConcurrencySweep.minuteOf(at)), k -> new int[5]);
    }

    private int[] point(UUID session, Instant at) {
        return points.computeIfAbsent(new MinuteKey(session, at), k -> new int[2]);
    }

    private long[] totalsOf(UUID session) {
        return totals.computeIfAbsent(session, k -> new long[SessionTotalsRepository.COLUMNS]);
    }

    private Tally tally(ViewerKey key) {
        return viewers.computeIfAbsent(key, k -> {
            if (!allowed.contains(k)) {
                throw new IllegalStateException("viewer " + k + " was not locked by this transaction");
            }
            return new Tally(locked.getOrDefault(k, ViewerRow.empty(k)));
        });
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The engaged rule on settled figures (closed watch time; an open view is judged when asked). */
    public static boolean engaged(int views, long closedWatchMs, int messages, int reactions, int clicks) {
        return views > 0 && (closedWatchMs >= ENGAGED_WATCH_MS || messages > 0 || reactions > 0 || clicks > 0);
    }

    private static final class Tally {
        Long userId;
        String username;
        final List<StayRow> stays;
        int views;
        int openViews;
        long closedWatchMs;
        long openStartSumMs;
        int messages;
        int reactions;
        int clicks;

        Tally(ViewerRow row) {
            userId = row.userId();
            username = row.username();
            stays = new ArrayList<>(row.stays());
            views = row.views();
            openViews = row.openViews();
            closedWatchMs = row.closedWatchMs();
            openStartSumMs = row.openStartSumMs();
            messages = row.messages();
            reactions = row.reactions();
            clicks = row.clicks();
        }

        void identify(Long user, String name) {
            if (user != null) {
                userId = user;
            }
            if (name != null) {
                username = name;
            }
        }

        ViewerRow row(ViewerKey key) {
            List<StayRow> sorted = stays;
            if (stays.size() > 1) {
                sorted = new ArrayList<>(stays);
                sorted.sort((a, b) -> a.stayId().compareTo(b.stayId()));
            }
            return new ViewerRow(key.sessionId(), key.viewerId(), userId, username, List.copyOf(sorted), views,
                    openViews, closedWatchMs, openStartSumMs, messages, reactions, clicks,
                    engaged(views, closedWatchMs, messages, reactions, clicks));
        }
    }
}
