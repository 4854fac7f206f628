package com.streambazaar.session.rest;

import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.Patch;
import com.streambazaar.session.repository.SessionStatus;
import com.streambazaar.session.service.SessionInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of a session body, without HTTP: what is cleaned, what is refused, what a partial update leaves alone. */
class SessionRequestRulesTest {

    @Test
    void textIsTrimmedCleanedAndBlankClearsAnOptionalField() {
        SessionInput input = body(Patch.of("  Spring\u0000 drop "), Patch.of("   "), Patch.of(List.of(" a ", "a", "b")),
                Patch.absent(), Patch.absent()).toInput(true);
        assertEquals("Spring drop", input.title().value());
        assertEquals(Patch.of(null), input.description());
        assertEquals(List.of("a", "b"), input.tags().value(), "trimmed, distinct, in order");
        assertFalse(input.status().present(), "a new session is always scheduled");
    }

    @Test
    void aPartialUpdateChangesOnlyWhatWasSent() {
        SessionInput input = body(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.of("paused"))
                .toInput(false);
        assertFalse(input.title().present());
        assertFalse(input.tags().present());
        assertEquals(SessionStatus.PAUSED, input.status().value());
    }

    @Test
    void refusalsNameTheField() {
        assertField("title", () -> body(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent()).toInput(true));
        assertField("title", () -> body(Patch.of(" "), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent()).toInput(false));
        assertField("title", () -> body(Patch.of("t".repeat(201)), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent()).toInput(true));
        assertField("tags", () -> body(Patch.of("ok"), Patch.absent(), Patch.of(List.of("x".repeat(51))),
                Patch.absent(), Patch.absent()).toInput(true));
        assertField("streamUrl", () -> new SessionRequests.SessionBody(Patch.of("ok"), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.of("javascript:alert(1)"), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent()).toInput(true));
        assertField("scheduledAt", () -> body(Patch.of("ok"), Patch.absent(), Patch.absent(), Patch.of("tomorrow"),
                Patch.absent()).toInput(true));
        assertField("status", () -> body(Patch.of("ok"), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.of("onair")).toInput(false));
    }

    @Test
    void scheduledAtTakesAnOffsetAndKeepsWirePrecision() {
        SessionInput input = body(Patch.of("ok"), Patch.absent(), Patch.absent(),
                Patch.of("2030-01-31T20:00:00.123456+02:00"), Patch.absent()).toInput(true);
        assertEquals(Instant.parse("2030-01-31T18:00:00.123Z"), input.scheduledAt().value());
        assertNull(body(Patch.of("ok"), Patch.absent(), Patch.absent(), Patch.of(null), Patch.absent()).toInput(true)
                .scheduledAt().value());
    }

    @Test
    void productIdsAreDistinctInOrderAndBounded() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertEquals(List.of(a, b), SessionRequests.distinctIds("productIds", List.of(a, b, a)));
        assertEquals(List.of(), SessionRequests.distinctIds("productIds", null));
        List<UUID> tooMany = java.util.stream.Stream.generate(UUID::randomUUID).limit(101).toList();
        assertField("productIds", () -> SessionRequests.distinctIds("productIds", tooMany));
    }

    private static SessionRequests.SessionBody body(Patch<String> title, Patch<String> description,
                                                    Patch<List<String>> tags, Patch<String> scheduledAt,
                                                    Patch<String> status) {
        return new SessionRequests.SessionBody(title, description, Patch.absent(), tags, Patch.absent(),
                Patch.absent(), scheduledAt, Patch.absent(), status);
    }

    private static void assertField(String field, Runnable request) {
        ApiException refusal = assertThrows(ApiException.class, request::run);
        assertEquals(400, refusal.status());
        assertEquals(field, refusal.details().get("field"));
    }
}
