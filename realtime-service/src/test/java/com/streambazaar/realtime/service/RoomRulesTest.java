package com.streambazaar.realtime.service;

import com.streambazaar.realtime.config.ReplicaId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Domain rules of rooms without a server: coalescing, rate limits, identity, ids, text, rejoin counting. */
class RoomRulesTest {

    static final long MS = 1_000_000L;

    @Test
    void aThousandReactionsInAWindowAreOneFrame() {
        ReactionTally tally = new ReactionTally();
        long start = 1_000 * MS;
        for (int i = 0; i < 1000; i++) {
            tally.add(ReactionTally.indexOf(i % 4 == 0 ? "fire" : "love"), 10_000 + i, start + i * 100_000L);
        }
        assertThat(tally.takeWindowIfDue(start + 150 * MS, 200 * MS, 0)).as("window not over yet").isNull();
        ReactionTally.NewReaction frame = tally.takeWindowIfDue(start + 200 * MS, 200 * MS, 0);
        assertThat(frame.count()).isEqualTo(1000);
        assertThat(frame.type()).isEqualTo("love");
        assertThat(frame.counts()).isEqualTo(Map.of("love", 750, "fire", 250));
        assertThat(tally.takeWindowIfDue(start + 400 * MS, 200 * MS, 0)).as("nothing new").isNull();

        ReactionTally.Stats stats = tally.takeStatsIfDue(UUID.randomUUID(), start, 1000 * MS);
        assertThat(stats.total()).isEqualTo(1000);
        assertThat(stats.percentages()).isEqualTo(Map.of("love", 75, "fire", 25));
        assertThat(tally.takeStatsIfDue(UUID.randomUUID(), start + 10 * MS, 1000 * MS)).as("unchanged").isNull();
    }

    @Test
    void analyticsTotalsBecomeTheBaseAndLaterReactionsStayOnTop() {
        ReactionTally tally = new ReactionTally();
        tally.add(ReactionTally.indexOf("like"), 1_000, 0);
        tally.add(ReactionTally.indexOf("like"), 5_000, 0);
        // analytics counted up to t=2000 (it has the first like and 99 older ones)
        tally.rebase(Map.of("like", 100L), 2_000);
        assertThat(tally.total()).isEqualTo(101);
        tally.rebase(Map.of("like", 50L), 1_500);
        assertThat(tally.total()).as("an older snapshot changes nothing").isEqualTo(101);
        tally.rebase(Map.of("like", 102L, "wow", 3L), 6_000);
        assertThat(tally.total()).isEqualTo(105);
    }

    @Test
    void aChatMessageIsShownInARoomOnceHoweverOftenItArrives() {
        Room room = new Room(UUID.randomUUID());
        UUID first = UUID.randomUUID();
        assertThat(room.firstShowing(first)).isTrue();
        assertThat(room.firstShowing(first)).as("its own echo, or a redelivery").isFalse();
        for (int i = 1; i < Room.SHOWN_MESSAGES; i++) {
            assertThat(room.firstShowing(UUID.randomUUID())).isTrue();
        }
        assertThat(room.firstShowing(first)).as("still remembered").isFalse();
        room.firstShowing(UUID.randomUUID());
        assertThat(room.firstShowing(first)).as("the oldest is forgotten beyond the bound").isTrue();
    }

    @Test
    void tokenBucketsAllowABurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(5, 1, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(0)).isTrue();
        }
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.secondsUntilNext(0)).isEqualTo(1);
        assertThat(bucket.tryTake(999 * MS)).isFalse();
        assertThat(bucket.tryTake(1000 * MS)).isTrue();
    }

    @Test
    void viewerIdentityIsUserThenDeviceThenConnection() {
        assertThat(ViewerIds.of(5L, "dev", "c1")).isEqualTo("user:5");
        assertThat(ViewerIds.of(null, "dev", "c1")).isEqualTo("device:dev");
        assertThat(ViewerIds.of(null, null, "c1")).isEqualTo("connection:c1");
        assertThat(ViewerIds.cleanDeviceId("  d-1 ")).isEqualTo("d-1");
        assertThat(ViewerIds.cleanDeviceId("with space")).isNull();
        assertThat(ViewerIds.cleanDeviceId("x".repeat(129))).isNull();
        assertThat(ViewerIds.guestName("device:a")).isEqualTo(ViewerIds.guestName("device:a")).startsWith("Guest-");
    }

    @Test
    void aViewerWithTwoTabsIsOneViewerUntilBothLeave() {
        Room room = new Room(UUID.randomUUID());
        room.addViewer("user:1");
        room.addViewer("user:1");
        room.addViewer("device:x");
        assertThat(room.localViewers()).isEqualTo(2);
        room.removeViewer("user:1");
        assertThat(room.localViewers()).isEqualTo(2);
        room.removeViewer("user:1");
        assertThat(room.localViewers()).isEqualTo(1);
    }

    @Test
    void recoveryHistoryKeepsTheNewestWithinCountAndAge() {
        Room room = new Room(UUID.randomUUID());
        for (int i = 1; i <= 5; i++) {
            room.remember(new OutboundEvent("new-message", "{}", i, i * 1000L), 3, 0);
        }
        assertThat(room.history).extracting(OutboundEvent::offset).containsExactly(3L, 4L, 5L);
        room.remember(new OutboundEvent("new-message", "{}", 6, 6000L), 3, 4500);
        assertThat(room.history).extracting(OutboundEvent::offset).containsExactly(5L, 6L);
    }

    @Test
    void chatTextIsCleanedAndLimited() {
        assertThat(ChatText.clean("  hi\u0000 there\n ")).isEqualTo("hi there");
        assertThat(ChatText.clean(" \u0007 ")).isNull();
        assertThat(ChatText.clean(null)).isNull();
        assertThat(ChatText.tooLong("😀".repeat(500))).isFalse();
        assertThat(ChatText.tooLong("a".repeat(501))).isTrue();
    }

    @Test
    void messageIdsAreVersion7AndIncreaseWithinAMillisecond() {
        UUID previous = MessageIds.next(1_700_000_000_000L);
        for (int i = 0; i < 100; i++) {
            UUID next = MessageIds.next(1_700_000_000_000L);
            assertThat(next.compareTo(previous) > 0 || Long.compareUnsigned(next.getMostSignificantBits(),
                    previous.getMostSignificantBits()) > 0).isTrue();
            assertThat(next.version()).isEqualTo(7);
            previous = next;
        }
        assertThat(MessageIds.millisOf(MessageIds.next(1_800_000_000_000L))).isEqualTo(1_800_000_000_000L);
    }

    @Test
    void replicaScopedIdsCarryTheReplicaPrefix() {
        ReplicaId replica = ReplicaId.of("edge-7");
        String sid = replica.newScopedId();
        assertThat(sid).startsWith("edge-7.").matches("edge-7\\.[A-Za-z0-9_-]{16}");
        assertThat(replica.owns(sid)).isTrue();
        assertThat(replica.owns("edge-77.abc")).isFalse();
        assertThatThrownBy(() -> ReplicaId.of("Bad_Id")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReplicaId.of("realtime-service-7c9f8d6b5-x2k4p").id()).hasSize(32);
        assertThat(ReplicaId.of("a".repeat(63)).id()).hasSize(63); // a DNS label: a Kubernetes pod name fits
        assertThatThrownBy(() -> ReplicaId.of("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
