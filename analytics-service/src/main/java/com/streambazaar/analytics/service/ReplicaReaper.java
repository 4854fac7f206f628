package com.streambazaar.analytics.service;

import com.streambazaar.analytics.config.AnalyticsConfig;
import com.streambazaar.analytics.repository.ReplicaRepository;
import com.streambazaar.analytics.repository.ReplicaRepository.Replica;
import com.streambazaar.analytics.repository.SessionLocks;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.SessionViewerRepository;
import com.streambazaar.analytics.repository.LostStayRepository;
import com.streambazaar.analytics.repository.ViewRepository;
import com.streambazaar.analytics.repository.ViewerKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A realtime replica whose heartbeats and presence events stopped for longer than the timeout is dead (METRICS.md):
 * its open stays end at the last instant it was known alive, and its viewers' views are recomputed. Silence is measured
 * against the presence stream's own progress while events arrive (a replay of old events kills nobody), and against
 * the clock once the whole stream has been quiet for a while (every replica gone at once). Should the replica be heard
 * from again, ingest reopens those stays; a real leave always wins over the death.
 */
@ApplicationScoped
public class ReplicaReaper {

    private final Pool pool;
    private final ReplicaRepository replicas;
    private final ViewRepository views;
    private final LostStayRepository lostStays;
    private final SessionLocks locks;
    private final SessionReadModelRepository sessions;
    private final SessionViewerRepository viewers;
    private final FigureWriter writer;
    private final AnalyticsConfig config;
    private final Vertx vertx;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    public ReplicaReaper(Pool pool, ReplicaRepository replicas, ViewRepository views, LostStayRepository lostStays,
                         SessionLocks locks, SessionReadModelRepository sessions, SessionViewerRepository viewers,
                         FigureWriter writer, AnalyticsConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.pool = pool;
        this.replicas = replicas;
        this.lostStays = lostStays;
        this.locks = locks;
        this.sessions = sessions;
        this.viewers = viewers;
        this.views = views;
        this.writer = writer;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.replicaSweepInterval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One sweep; sweeps never overlap on one replica (several analytics replicas may sweep: it is idempotent). */
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        reap(config.replicaTimeout(), config.replicaQuietStream()).subscribe().with(count -> sweeping.set(false), failure -> {
            sweeping.set(false);
            Log.warnf("Checking realtime replicas for silence failed, will retry: %s", failure.getMessage());
        });
    }

    /** Declares dead every replica silent for longer than {@code timeout} (see {@link ReplicaRepository#silent}). */
    public Uni<Integer> reap(Duration timeout, Duration quietStream) {
        return replicas.silent(timeout, quietStream).chain(silent -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Replica replica : silent) {
                chain = chain.chain(count -> pool.withTransaction(connection -> bury(connection, replica))
                        // heard from again meanwhile: the transaction rolled back, nothing changed
                        .onFailure(SeenAgain.class).recoverWithItem(false)
                        .map(buried -> buried ? count + 1 : count));
            }
            return chain;
        });
    }

    private Uni<Boolean> bury(SqlConnection connection, Replica replica) {
        return views.openOnReplica(connection, replica.replicaId()).chain(open -> {
            Set<UUID> sessionIds = new HashSet<>();
            open.forEach(key -> sessionIds.add(key.sessionId()));
            List<ViewerKey> keys = new ArrayList<>(open);
            keys.sort(null);
            List<ViewerKey> lost = new ArrayList<>();
            return locks.shared(connection, sessionIds)
                    .chain(() -> sessions.load(connection, sessionIds))
                    .chain(known -> viewers.lock(connection, keys)
                            .map(locked -> new FigureLedger(known, locked, locked.keySet())))
                    .chain(ledger -> {
                        for (ViewerKey key : keys) {
                            if (ledger.loseStays(key, replica.replicaId(), replica.lastSeenAt())) {
                                ledger.recomputeViews(key);
                                lost.add(key);
                            }
                        }
                        return writer.write(connection, ledger);
                    })
                    .chain(() -> lostStays.record(connection, replica.replicaId(), lost))
                    .chain(() -> replicas.declareDead(connection, replica.replicaId(), replica.lastSeenAt()))
                    .chain(declared -> {
                        if (!declared) {
                            return Uni.createFrom().failure(new SeenAgain());
                        }
                        if (!lost.isEmpty()) {
                            Log.infof("Realtime replica %s silent since %s: closed the open stays of %d viewer(s) at "
                                    + "that instant", replica.replicaId(), replica.lastSeenAt(), lost.size());
                        }
                        return Uni.createFrom().item(true);
                    });
        });
    }

    /** The replica's last-seen instant moved while it was being declared dead. */
    private static final class SeenAgain extends RuntimeException {
        SeenAgain() {
            super(null, null, false, false);
        }
    }
}
