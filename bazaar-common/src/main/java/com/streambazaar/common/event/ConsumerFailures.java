package com.streambazaar.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.streambazaar.common.rest.ApiException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;

import java.time.DateTimeException;

/**
 * Tells a poison event (it will fail the same way however often it is retried: unreadable, breaking its contract or a
 * database constraint) from a failure that is not the event's fault (the database is down, a connection dropped, a
 * deadlock), which is worth retrying until it succeeds.
 */
public final class ConsumerFailures {

    private ConsumerFailures() {
    }

    public static boolean isPoison(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof MalformedEventException || cause instanceof JsonProcessingException
                    || cause instanceof DateTimeException || cause instanceof NullPointerException
                    || cause instanceof IllegalArgumentException || cause instanceof ClassCastException
                    || cause instanceof ArithmeticException || cause instanceof IndexOutOfBoundsException) {
                return true;
            }
            if (cause instanceof ApiException api && api.status() < 500) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException
                    || cause instanceof org.hibernate.exception.DataException) {
                return true;
            }
        }
        return false;
    }

    /** A short description for logs and dead letters, without stack traces. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            return composite.getCauses().get(0) == cause ? null : composite.getCauses().get(0);
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
