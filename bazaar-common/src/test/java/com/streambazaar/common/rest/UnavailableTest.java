package com.streambazaar.common.rest;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which failures are a dependency that is away (503) and which are ours (500), without a server. */
class UnavailableTest {

    @Test
    void aDatabaseThatIsAwayIsRecognisedThroughWrappers() {
        PgException shuttingDown = new PgException("the database system is shutting down", "FATAL", "57P03", null);
        assertEquals("database_unavailable", Unavailable.code(new IllegalStateException("wrapped", shuttingDown)));
        assertEquals("database_unavailable", Unavailable.code(new PgException("gone", "FATAL", "08006", null)));
        assertEquals("database_unavailable", Unavailable.code(new PgException("too many", "FATAL", "53300", null)));
        // the configured database port (5432 in the shared defaults) names the database in a refused connection
        assertEquals("database_unavailable", Unavailable.code(new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertEquals("service_unavailable", Unavailable.code(new ConnectException("Connection refused: /127.0.0.1:8083")));
    }

    @Test
    void aBadStatementOrABugIsNotAnOutage() {
        assertNull(Unavailable.code(new PgException("syntax error", "ERROR", "42601", null)));
        assertNull(Unavailable.code(new PgException("duplicate key", "ERROR", "23505", null)));
        assertNull(Unavailable.code(new NullPointerException()));
        assertNull(Unavailable.code(new IllegalStateException("loop", new IllegalStateException())));
    }

    @Test
    void theBodySaysWhenToTryAgain() {
        Map<String, Object> body = Unavailable.body("database_unavailable");
        assertEquals(false, body.get("success"));
        assertEquals("database_unavailable", body.get("error"));
        assertEquals(Unavailable.RETRY_AFTER_SECONDS, body.get("retryAfter"));
        assertEquals(true, ((String) body.get("message")).contains("try again"));
    }
}
