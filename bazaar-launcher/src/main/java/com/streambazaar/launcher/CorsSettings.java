package com.streambazaar.launcher;

import java.util.List;

/**
 * The browsers' cross-origin rules, read from the same variables the services read, so that the edge's own
 * answers (health, 404, 4xx, 502, 504) carry the same CORS headers as the services' answers.
 *
 * @param allowedOrigins    {@code BAZAAR_CORS_ORIGINS}, e.g. {@code https://shop.example,http://localhost:5173};
 *                          empty means any origin (echoed back, never {@code *})
 * @param allowCredentials  {@code BAZAAR_CORS_CREDENTIALS} (default true): cookies and Authorization may be sent
 */
public record CorsSettings(List<String> allowedOrigins, boolean allowCredentials) {

    public static final String ORIGINS_VARIABLE = "BAZAAR_CORS_ORIGINS";
    public static final String CREDENTIALS_VARIABLE = "BAZAAR_CORS_CREDENTIALS";

    public static final CorsSettings ANY_ORIGIN = new CorsSettings(List.of(), true);

    public CorsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public boolean anyOrigin() {
        return allowedOrigins.isEmpty();
    }
}
