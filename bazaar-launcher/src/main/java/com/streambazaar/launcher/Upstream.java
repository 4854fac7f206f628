package com.streambazaar.launcher;

import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;

import java.net.ConnectException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The replicas of one service behind the edge (one for most services, {@code BAZAAR_REALTIME_REPLICAS} for
 * realtime) and the order in which a request tries them.
 *
 * <ul>
 *   <li><b>Engine.IO affinity.</b> realtime-service issues every Engine.IO session id as {@code <replicaId>.<random>};
 *       a request whose query has {@code sid=<replicaId>.…} (long-polling GET and POST, the upgrade from polling)
 *       goes to that replica first. A {@code sid} naming no known replica, or one that is down, goes to any live
 *       replica, which answers Engine.IO's "Session ID unknown" and the client starts over.</li>
 *   <li><b>Round robin</b> for everything else (handshakes, {@code /ws}, chat REST).</li>
 *   <li><b>Failover.</b> A replica that refuses a connection is marked down and the request tries the next one
 *       (nothing was sent yet, so that is always safe); a down replica is tried only after every live one, and
 *       probed every {@link #PROBE_EVERY_MILLIS} ms until it accepts a connection again. The edge answers 502 only
 *       when no replica accepts.</li>
 * </ul>
 *
 * <p>Thread-safe: the edge's event loops all choose from the same instance.
 */
final class Upstream {

    /** How often a replica that refused a connection is tried again with a bare TCP connect. */
    static final long PROBE_EVERY_MILLIS = 500;

    /**
     * One process that serves the service.
     *
     * @param id      its replica id ({@code realtime-2}): what it puts in front of its Engine.IO session ids, and its
     *                name in the access log; the service's name when it has a single replica
     * @param address where it listens
     */
    record Replica(String id, SocketAddress address) {
        Replica {
            Objects.requireNonNull(id);
            Objects.requireNonNull(address);
        }
    }

    private final String service;
    private final List<Member> members;
    private final Map<String, Member> byId = new HashMap<>();
    private final List<Member> single;
    private final AtomicInteger next = new AtomicInteger();
    private final Consumer<String> events;

    Upstream(String service, List<Replica> replicas, Consumer<String> events) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException(service + " has no replica");
        }
        this.service = service;
        this.events = events;
        List<Member> all = new ArrayList<>();
        for (Replica replica : replicas) {
            Member member = new Member(replica);
            all.add(member);
            byId.put(replica.id(), member);
        }
        this.members = List.copyOf(all);
        this.single = members.size() == 1 ? members : null;
    }

    String service() {
        return service;
    }

    List<Replica> replicas() {
        return members.stream().map(m -> m.replica).toList();
    }

    /** The replicas one request should try, in order, given its query string (null when it has none). */
    Choice choose(String query) {
        if (single != null) {
            return new Choice(single);
        }
        int count = members.size();
        List<Member> live = new ArrayList<>(count);
        List<Member> down = new ArrayList<>(0);
        for (Member member : members) {
            (member.down.get() ? down : live).add(member);
        }
        List<Member> order = new ArrayList<>(count);
        Member owner = byId.get(sidReplica(query));
        if (owner != null && live.contains(owner)) {
            // the replica that holds this Engine.IO session; should it refuse, the others answer "Session ID unknown"
            order.add(owner);
            for (Member member : live) {
                if (member != owner) {
                    order.add(member);
                }
            }
        } else if (!live.isEmpty()) {
            int start = Math.floorMod(next.getAndIncrement(), live.size());
            for (int i = 0; i < live.size(); i++) {
                order.add(live.get((start + i) % live.size()));
            }
        }
        // last resort: a mark may be stale (a replica that came back since the last probe)
        order.addAll(down);
        return new Choice(order);
    }

    /**
     * The replica id in a {@code sid=<replicaId>.<random>} query parameter, or null. Engine.IO puts it in the query
     * of every request after the handshake; replica ids are {@code [a-z0-9-]} and the random part is URL-safe, so
     * the raw query is read as it is.
     */
    static String sidReplica(String query) {
        if (query == null) {
            return null;
        }
        int length = query.length();
        int at = 0;
        while (at < length) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = length;
            }
            if (query.startsWith("sid=", at)) {
                int dot = query.indexOf('.', at + 4);
                return dot < 0 || dot > end ? null : query.substring(at + 4, dot);
            }
            at = end + 1;
        }
        return null;
    }

    /** Connects once to every replica marked down; one that accepts gets requests again. */
    void probe(NetClient probes) {
        if (single != null) {
            return;
        }
        for (Member member : members) {
            if (member.down.get() && member.probing.compareAndSet(false, true)) {
                probes.connect(member.replica.address()).onComplete(connected -> {
                    member.probing.set(false);
                    if (connected.succeeded()) {
                        connected.result().close();
                        reached(member);
                    }
                });
            }
        }
    }

    private void reached(Member member) {
        if (member.down.get() && member.down.compareAndSet(true, false)) {
            event(member.replica.id() + " (" + member.replica.address() + ") accepts connections again: back in the rotation");
        }
    }

    private void refused(Member member, Throwable cause) {
        if (single == null && member.down.compareAndSet(false, true)) {
            event(member.replica.id() + " (" + member.replica.address() + ") refused a connection (" + cause.getMessage()
                    + "): its requests go to the other " + service + " replicas until it accepts one again");
        }
    }

    private void event(String line) {
        events.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
    }

    /** A failure to open a connection at all: nothing reached the replica, so the next one may be asked. */
    static boolean isRefusal(Throwable cause) {
        // io.netty.channel.ConnectTimeoutException is one too: a replica that cannot be reached in time
        return cause instanceof ConnectException;
    }

    private static final class Member {
        final Replica replica;
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean probing = new AtomicBoolean();

        Member(Replica replica) {
            this.replica = replica;
        }
    }

    /** The replicas one request tries, and which one it is at. Used on the request's event loop only. */
    final class Choice {

        private final List<Member> order;
        private int index;
        private boolean connected;

        private Choice(List<Member> order) {
            this.order = order;
        }

        String service() {
            return service;
        }

        SocketAddress address() {
            return order.get(index).replica.address();
        }

        /** The request has a connection to the current replica. */
        void connected() {
            connected = true;
            reached(order.get(index));
        }

        /**
         * Opening a connection to the current replica failed: true when it was a refusal and another replica is left
         * to try (then {@link #address()} is that one's), false when the request has nowhere else to go.
         */
        boolean failedOver(Throwable cause) {
            if (!isRefusal(cause)) {
                return false;
            }
            refused(order.get(index), cause);
            if (index + 1 >= order.size()) {
                return false;
            }
            index++;
            return true;
        }

        /** For the access log: the replica that took the request, or the service when none did (or it has one replica). */
        String target() {
            return connected && single == null ? order.get(index).replica.id() : service;
        }
    }
}
