package com.streambazaar.common.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal with a status, a machine code and a message meant for the client.
 * Services throw these; {@link ErrorMapping} turns them into {@link ErrorBody} responses.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public static ApiException badRequest(String field, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (field != null) {
            details.put("field", field);
        }
        return new ApiException(400, "validation_error", message, details);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", message, Map.of("retryAfter", retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra fields for the error body, e.g. {@code field} or {@code currentStatus}. */
    public Map<String, Object> details() {
        return details;
    }
}
