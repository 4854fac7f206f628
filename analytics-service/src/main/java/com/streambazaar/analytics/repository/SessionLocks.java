package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.UUID;

/**
 * Transaction-scoped advisory locks per session. Ingest holds them shared (batches of different partitions may touch
 * one session at once; row locks order them); a change of a session's live interval or creator holds them exclusive,
 * so no view is clipped against an interval that is being replaced. Taken first in every transaction, in key order.
 */
@ApplicationScoped
public class SessionLocks {

    /** The lock namespace (two-int advisory keys never collide with the one-bigint keys other code uses). */
    private static final int NAMESPACE = 0x416E6C79;

    public Uni<Void> shared(SqlConnection connection, Collection<UUID> sessions) {
        return lock(connection, sessions, "pg_advisory_xact_lock_shared");
    }

    public Uni<Void> exclusive(SqlConnection connection, Collection<UUID> sessions) {
        return lock(connection, sessions, "pg_advisory_xact_lock");
    }

    private static Uni<Void> lock(SqlConnection connection, Collection<UUID> sessions, String function) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] keys = sessions.stream().map(UUID::hashCode).distinct().sorted().toArray(Integer[]::new);
        return connection.preparedQuery("select " + function + "(" + NAMESPACE + ", k) from unnest($1::int4[]) as k")
                .execute(Tuple.of(keys)).replaceWithVoid();
    }
}
