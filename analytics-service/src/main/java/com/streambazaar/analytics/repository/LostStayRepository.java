package com.streambazaar.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;


/** Viewers whose stays a dead replica closed: where to look when it is heard from again. */
@ApplicationScoped
public class LostStayRepository {

    public Uni<Void> record(SqlConnection connection, String replicaId, Collection<ViewerKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple pairs = SessionViewerRepository.pairs(keys);
        return connection.preparedQuery("insert into lost_stay (replica_id, session_id, viewer_id) "
                        + "select $1, s, v from unnest($2::uuid[], $3::text[]) as u(s, v) on conflict do nothing")
                .execute(Tuple.of(replicaId, pairs.getValue(0), pairs.getValue(1))).replaceWithVoid();
    }

    public Uni<Set<ViewerKey>> ofReplicas(SqlConnection connection, Collection<String> replicaIds) {
        if (replicaIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery("select distinct session_id, viewer_id from lost_stay where replica_id = any($1)")
                .execute(Tuple.of(replicaIds.toArray(String[]::new))).map(rows -> {
                    Set<ViewerKey> keys = new LinkedHashSet<>();
                    for (Row row : rows) {
                        keys.add(new ViewerKey(row.getUUID("session_id"), row.getString("viewer_id")));
                    }
                    return keys;
                });
    }

    public Uni<Void> forget(SqlConnection connection, Collection<String> replicaIds) {
        if (replicaIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("delete from lost_stay where replica_id = any($1)")
                .execute(Tuple.of(replicaIds.toArray(String[]::new))).replaceWithVoid();
    }

}
