package com.streambazaar.common.rest;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses requests no resource could answer sensibly, before any resource runs, in the shared error shape (the HTTP
 * layer would answer them with an empty body, or a resource would fail on them): URIs that do not parse or whose
 * percent-encoding is not UTF-8, URIs that are too long (414), control characters such as NUL in the path or the query
 * (Postgres refuses NUL in text), oversized headers (431), and bodies announced larger than the limit (413). A chunked
 * body announces no length: it is read here, up to the limit, and refused with 413 past it (RESTEasy Reactive would
 * read any size), then the resource gets it as read.
 *
 * <p>Runs right after the CORS filter, so even these answers carry CORS headers. Quarkus validates URIs itself before
 * routing and answers an empty 400; the JVM flag {@code -Dvertx.disableURIValidation=true} (set wherever our services
 * are started) hands that check to this class instead.
 */
@ApplicationScoped
public class RequestGuard {

    /** Right after CORS (300) and before authentication (200). */
    static final int PRIORITY = 290;
    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    private final long maxBodyBytes;
    private final int maxUriLength;
    private final long maxHeaderBytes;
    private final BodyHandler chunkedBodies;

    public RequestGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                        @ConfigProperty(name = "bazaar.http.max-uri-length", defaultValue = "8192") int maxUriLength,
                        @ConfigProperty(name = "bazaar.http.max-header-size", defaultValue = "32K") MemorySize maxHeaderSize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderSize.asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void warnWithoutFlag(@Observes StartupEvent event) {
        if (!Boolean.getBoolean(DISABLE_URI_VALIDATION)) {
            Log.warnf("-D%s=true is not set: requests with malformed URIs get an empty 400 from the HTTP layer "
                    + "instead of the JSON error body", DISABLE_URI_VALIDATION);
        }
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String refusal = refusal(request);
        if (refusal == null) {
            if (isChunked(request)) {
                chunkedBodies.handle(context);
            } else {
                context.next();
            }
            return;
        }
        int status = Integer.parseInt(refusal.substring(0, 3));
        String message = refusal.substring(4);
        String code = switch (status) {
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> "bad_request";
        };
        if (status == 413) {
            // the announced body is never read: this connection cannot be reused for another request
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(ErrorBody.of(code, message)));
    }

    private static boolean isChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null;
    }

    /** {@code "<status> <message>"} when the request must be refused, else null. */
    String refusal(HttpServerRequest request) {
        String uri = request.uri();
        if (uri == null || uri.isEmpty()) {
            return "400 The request URI is missing";
        }
        if (uri.length() > maxUriLength) {
            return "414 The request URI is longer than " + maxUriLength + " characters";
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return "400 The request URI is malformed: " + e.getReason();
        }
        String path = request.path();
        String query = request.query();
        if (!decodesToCleanText(path) || (query != null && !decodesToCleanText(query.replace('+', ' ')))) {
            return "400 The request URI has invalid percent-encoding or control characters";
        }
        long headerBytes = headerBytes(request.headers());
        if (headerBytes > maxHeaderBytes) {
            return "431 The request headers are larger than " + maxHeaderBytes + " bytes";
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            return "413 Request body is too large (at most " + maxBodyBytes + " bytes)";
        }
        return null;
    }

    /** Decodes %XX escapes as UTF-8, strictly; false when they are invalid or decode to a control character. */
    static boolean decodesToCleanText(String raw) {
        if (raw == null) {
            return true;
        }
        if (raw.indexOf('%') >= 0) {
            try {
                raw = decodeStrictly(raw);
            } catch (IllegalArgumentException | CharacterCodingException e) {
                return false;
            }
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String decodeStrictly(String raw) throws CharacterCodingException {
        // URLDecoder replaces malformed UTF-8 with U+FFFD silently; decode the bytes again strictly to catch that
        String lenient = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.ISO_8859_1);
        byte[] bytes = lenient.getBytes(StandardCharsets.ISO_8859_1);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
