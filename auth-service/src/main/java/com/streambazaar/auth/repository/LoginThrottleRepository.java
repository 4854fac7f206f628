package com.streambazaar.auth.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Failed-login counters and the addresses accounts signed in from, in Postgres, so every replica sees the same. Written
 * with the plain reactive pool (auto-commit), never inside the request's transaction: a failure must be counted even
 * though the request fails.
 */
@ApplicationScoped
public class LoginThrottleRepository {

    /** A counter whose window is still open. */
    public record Counter(String key, int failures, long secondsLeft) {
    }

    private static final String OPEN_COUNTERS = """
            select throttle_key, failures,
                   ceil(extract(epoch from (window_started + make_interval(secs => $2) - now())))::bigint as seconds_left
            from login_throttle
            where throttle_key = any($1) and window_started + make_interval(secs => $2) > now()""";
    private static final String COUNT_FAILURE = """
            insert into login_throttle (throttle_key, failures, window_started) values ($1, 1, now())
            on conflict (throttle_key) do update set
                failures = case when login_throttle.window_started + make_interval(secs => $2) <= now() then 1
                                else login_throttle.failures + 1 end,
                window_started = case when login_throttle.window_started + make_interval(secs => $2) <= now() then now()
                                      else login_throttle.window_started end""";

    private static final String REMEMBER_ADDRESS = """
            insert into login_known_address (user_id, address, last_success) values ($1, $2, now())
            on conflict (user_id, address) do update set last_success = now()""";

    private final Pool pool;

    public LoginThrottleRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Counter>> openCounters(List<String> keys, Duration window) {
        return pool.preparedQuery(OPEN_COUNTERS)
                .execute(Tuple.of(keys.toArray(String[]::new), (double) window.toSeconds()))
                .map(rows -> {
                    List<Counter> counters = new ArrayList<>();
                    for (Row row : rows) {
                        counters.add(new Counter(row.getString("throttle_key"), row.getInteger("failures"),
                                row.getLong("seconds_left")));
                    }
                    return counters;
                });
    }

    public Uni<Void> countFailure(List<String> keys, Duration window) {
        List<Tuple> batch = keys.stream().map(key -> Tuple.of(key, (double) window.toSeconds())).toList();
        return pool.preparedQuery(COUNT_FAILURE).executeBatch(batch).replaceWithVoid();
    }

    public Uni<Void> clear(String key) {
        return pool.preparedQuery("delete from login_throttle where throttle_key = $1").execute(Tuple.of(key))
                .replaceWithVoid();
    }

    /** True when the user signed in successfully from this address within the retention. */
    public Uni<Boolean> isKnownAddress(long userId, String address, Duration retention) {
        return pool.preparedQuery("select 1 from login_known_address where user_id = $1 and address = $2 "
                        + "and last_success > now() - make_interval(secs => $3)")
                .execute(Tuple.of(userId, address, (double) retention.toSeconds()))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> rememberAddress(long userId, String address) {
        return pool.preparedQuery(REMEMBER_ADDRESS).execute(Tuple.of(userId, address)).replaceWithVoid();
    }

    public Uni<Integer> purgeKnownAddresses(Duration retention) {
        return pool.preparedQuery("delete from login_known_address where last_success <= now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    public Uni<Integer> purgeClosed(Duration window) {
        return pool.preparedQuery("delete from login_throttle where window_started + make_interval(secs => $1) <= now()")
                .execute(Tuple.of((double) window.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
