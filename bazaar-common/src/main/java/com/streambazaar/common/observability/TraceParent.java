package com.streambazaar.common.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The current span as a W3C {@code traceparent} value, for carriers OpenTelemetry does not instrument itself. */
public final class TraceParent {

    /** The Kafka record header (and HTTP header) name the W3C trace-context propagator reads. */
    public static final String HEADER = "traceparent";

    private TraceParent() {
    }

    /** {@code 00-<trace id>-<span id>-<flags>} of the current span, or null when there is none (tracing off). */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
