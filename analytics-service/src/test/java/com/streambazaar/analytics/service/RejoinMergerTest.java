package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.StayRow;
import com.streambazaar.analytics.service.RejoinMerger.MergedView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The 30-second rejoin rule (METRICS.md "View"), whatever order the stays arrived in. */
class RejoinMergerTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    static final UUID SESSION = UUID.randomUUID();

    static StayRow stay(long joinSecond, Long leftSecond) {
        return stay(UUID.randomUUID(), joinSecond, leftSecond);
    }

    static StayRow stay(UUID id, long joinSecond, Long leftSecond) {
        return new StayRow(SESSION, "user:1", id, 1L, "ana", "rt-1", T.plusSeconds(joinSecond),
                leftSecond == null ? null : T.plusSeconds(leftSecond), null);
    }

    @Test
    void aRejoinWithinThirtySecondsContinuesTheView() {
        List<MergedView> views = RejoinMerger.merge(List.of(stay(0, 100L), stay(129, 200L)));
        assertEquals(1, views.size());
        assertEquals(T, views.get(0).joinedAt());
        assertEquals(T.plusSeconds(200), views.get(0).rawEnd());
        assertEquals(2, views.get(0).stays());
    }

    @Test
    void exactlyThirtySecondsStillContinuesAndThirtyOneDoesNot() {
        assertEquals(1, RejoinMerger.merge(List.of(stay(0, 100L), stay(130, 200L))).size());
        List<MergedView> views = RejoinMerger.merge(List.of(stay(0, 100L), stay(131, 200L)));
        assertEquals(2, views.size());
        assertEquals(T.plusSeconds(100), views.get(0).rawEnd());
        assertEquals(T.plusSeconds(131), views.get(1).joinedAt());
    }

    @Test
    void overlappingStaysOfOneIdentityAreOneView() {
        // a second tab opened while the first is still there
        List<MergedView> views = RejoinMerger.merge(List.of(stay(0, 300L), stay(60, 120L)));
        assertEquals(1, views.size());
        assertEquals(T.plusSeconds(300), views.get(0).rawEnd());
    }

    @Test
    void anOpenStayKeepsTheViewOpenAndAbsorbsLaterStays() {
        List<MergedView> views = RejoinMerger.merge(List.of(stay(0, null), stay(600, 700L)));
        assertEquals(1, views.size());
        assertNull(views.get(0).rawEnd());
    }

    @Test
    void aLateStayBridgingTwoViewsMergesThemUnderTheEarliestStaysId() {
        UUID first = UUID.randomUUID();
        StayRow a = stay(first, 0, 30L);
        StayRow b = stay(90, 120L);
        assertEquals(2, RejoinMerger.merge(List.of(a, b)).size());
        List<MergedView> views = RejoinMerger.merge(List.of(b, stay(25, 70L), a));
        assertEquals(1, views.size());
        assertEquals(first, views.get(0).viewId());
        assertEquals(3, views.get(0).stays());
        assertEquals(T.plusSeconds(120), views.get(0).rawEnd());
    }

    @Test
    void aStayWhoseJoinHasNotArrivedIsLeftOutAndALeaveBeforeItsJoinEndsAtTheJoin() {
        StayRow leaveOnly = new StayRow(SESSION, "user:1", UUID.randomUUID(), 1L, null, "rt-1", null, T, null);
        assertEquals(List.of(), RejoinMerger.merge(List.of(leaveOnly)));
        List<MergedView> skewed = RejoinMerger.merge(List.of(stay(100, 90L)));
        assertEquals(T.plusSeconds(100), skewed.get(0).rawEnd());
    }

    @Test
    void aStayClosedByItsReplicasDeathEndsThenUnlessItReallyLeft() {
        StayRow lost = new StayRow(SESSION, "user:1", UUID.randomUUID(), 1L, null, "rt-1", T, null, T.plusSeconds(40));
        assertEquals(T.plusSeconds(40), RejoinMerger.merge(List.of(lost)).get(0).rawEnd());
        StayRow leftToo = new StayRow(SESSION, "user:1", lost.stayId(), 1L, null, "rt-1", T, T.plusSeconds(90),
                T.plusSeconds(40));
        assertEquals(T.plusSeconds(90), RejoinMerger.merge(List.of(leftToo)).get(0).rawEnd());
    }

    @Test
    void theResultDoesNotDependOnArrivalOrder() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<StayRow> stays = new ArrayList<>();
            long t = 0;
            for (int i = 0; i < 8; i++) {
                t += random.nextInt(80);
                long length = random.nextInt(120);
                stays.add(stay(t, random.nextInt(10) == 0 ? null : t + length));
            }
            List<MergedView> expected = RejoinMerger.merge(stays);
            List<StayRow> shuffled = new ArrayList<>(stays);
            Collections.shuffle(shuffled, random);
            assertEquals(expected, RejoinMerger.merge(shuffled));
            // no two views are within 30 s of each other, and every stay lies in exactly one view
            for (int i = 1; i < expected.size(); i++) {
                MergedView previous = expected.get(i - 1);
                assertEquals(true, previous.rawEnd() != null
                        && expected.get(i).joinedAt().isAfter(previous.rawEnd().plusSeconds(30)));
            }
            assertEquals(stays.size(), expected.stream().mapToInt(MergedView::stays).sum());
        }
    }
}
