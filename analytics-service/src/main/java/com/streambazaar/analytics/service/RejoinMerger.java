package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.StayRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Turns one viewer's stays in one session into views (METRICS.md): a stay that begins within 30 seconds of the end
 * of the view so far (or while it is still open, e.g. a second tab) continues that view. Recomputed from all of the
 * viewer's stays whenever one changes, so the result does not depend on the order events arrived in: a late stay that
 * bridges two views merges them, a late leave splits nothing it should not.
 */
public final class RejoinMerger {

    /** A rejoin at most this long after leaving continues the same view. */
    public static final Duration REJOIN_WINDOW = Duration.ofSeconds(30);

    private RejoinMerger() {
    }

    /**
     * A view before clipping to the live interval.
     *
     * @param viewId   the id of its earliest stay (stable while later stays are added)
     * @param rawEnd   the latest end of its stays; null while any of them is open
     * @param userId   the signed-in user, if any stay knew it
     * @param username the user's name, if any stay knew it
     */
    public record MergedView(UUID viewId, Instant joinedAt, Instant rawEnd, int stays, Long userId, String username) {
    }

    /** Stays whose join is not known yet are left out until it arrives. */
    public static List<MergedView> merge(List<StayRow> stays) {
        List<StayRow> joined = new ArrayList<>();
        for (StayRow stay : stays) {
            if (stay.joinedAt() != null) {
                joined.add(stay);
            }
        }
        joined.sort(Comparator.comparing(StayRow::joinedAt).thenComparing(StayRow::stayId));
        List<MergedView> views = new ArrayList<>();
        Group group = null;
        for (StayRow stay : joined) {
            Instant end = stayEnd(stay);
            if (group != null && group.continuedBy(stay.joinedAt())) {
                group.add(end, stay);
            } else {
                if (group != null) {
                    views.add(group.view());
                }
                group = new Group(stay, end);
            }
        }
        if (group != null) {
            views.add(group.view());
        }
        return views;
    }

    /** A leave recorded before its join (clock skew between replicas) ends the stay at its join. */
    private static Instant stayEnd(StayRow stay) {
        Instant end = stay.end();
        return end == null || !end.isBefore(stay.joinedAt()) ? end : stay.joinedAt();
    }

    private static final class Group {
        private final UUID viewId;
        private final Instant joinedAt;
        private Instant end;
        private boolean open;
        private int stays = 1;
        private Long userId;
        private String username;

        Group(StayRow first, Instant end) {
            this.viewId = first.stayId();
            this.joinedAt = first.joinedAt();
            this.end = end;
            this.open = end == null;
            this.userId = first.userId();
            this.username = first.username();
        }

        boolean continuedBy(Instant join) {
            return open || !join.isAfter(end.plus(REJOIN_WINDOW));
        }

        void add(Instant stayEnd, StayRow stay) {
            stays++;
            if (stayEnd == null) {
                open = true;
                end = null;
            } else if (!open && stayEnd.isAfter(end)) {
                end = stayEnd;
            }
            if (stay.userId() != null) {
                userId = stay.userId();
            }
            if (stay.username() != null) {
                username = stay.username();
            }
        }

        MergedView view() {
            return new MergedView(viewId, joinedAt, open ? null : end, stays, userId, username);
        }
    }
}
