package com.streambazaar.common.rest;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.ConnectException;
import java.util.Map;
import java.util.Optional;

/**
 * Failures that are not a bug of ours and not the request's fault, but a dependency that is away for a while: the
 * database (stopped, restarting, failing over, out of connections) or another service this one calls. They are answered
 * 503 with {@code Retry-After} — "try again shortly" is the truth, and clients and load balancers act on it — instead
 * of a 500 that reads like a bug.
 */
public final class Unavailable {

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static volatile Optional<String> databasePort;

    private Unavailable() {
    }

    /** The kind of outage behind {@code failure} ({@code database_unavailable} or {@code service_unavailable}), or null. */
    public static String code(Throwable failure) {
        boolean connect = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && databaseIsAway(pg.getSqlState())) {
                return "database_unavailable";
            }
            if (cause instanceof org.hibernate.JDBCException jdbc && databaseIsAway(jdbc.getSQLState())) {
                return "database_unavailable";
            }
            if (cause instanceof ClosedConnectionException) {
                return "database_unavailable";
            }
            if (cause instanceof ConnectException || cause instanceof io.netty.channel.ConnectTimeoutException) {
                // Netty names the address it could not reach ("Connection refused: /127.0.0.1:5432")
                String message = String.valueOf(cause.getMessage());
                if (databasePort().map(port -> message.endsWith(":" + port)).orElse(false)) {
                    return "database_unavailable";
                }
                connect = true;
            }
        }
        return connect ? "service_unavailable" : null;
    }

    /** The 503 body of an outage {@link #code(Throwable)} recognised. */
    public static Map<String, Object> body(String code) {
        String message = "database_unavailable".equals(code)
                ? "The database is not reachable right now; try again in a few seconds"
                : "A service this request needs is not reachable right now; try again in a few seconds";
        return ErrorBody.of(code, message, Map.of("retryAfter", RETRY_AFTER_SECONDS));
    }

    /**
     * SQL states of a database that is away rather than of a bad statement: connection exceptions (08), shutdown or
     * starting up (57P01–57P03), too many connections (53300), read-only standby after a fail-over (25006).
     */
    static boolean databaseIsAway(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300") || state.equals("25006"));
    }

    private static Optional<String> databasePort() {
        Optional<String> port = databasePort;
        if (port == null) {
            try {
                port = ConfigProvider.getConfig().getOptionalValue("bazaar.db.port", String.class).map(String::trim);
            } catch (RuntimeException e) {
                port = Optional.empty();
            }
            databasePort = port;
        }
        return port;
    }
}
