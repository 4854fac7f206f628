package com.streambazaar.common.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error shape of every service: {@code {"success": false, "message", "error", ...details}}.
 * It satisfies both client families (envelope clients read success/message, catalog clients read error).
 */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static Map<String, Object> of(String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        body.put("error", code);
        if (details != null) {
            details.forEach(body::putIfAbsent);
        }
        return body;
    }

    public static Map<String, Object> of(String code, String message) {
        return of(code, message, null);
    }
}
