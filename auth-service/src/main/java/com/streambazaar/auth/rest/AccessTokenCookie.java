package com.streambazaar.auth.rest;

import com.streambazaar.auth.config.AuthConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Locale;

/**
 * The access token as an httpOnly cookie, for web apps served from the API's own site: their realtime socket then
 * carries the user's identity without the page ever holding the token (realtime-service checks the socket's Origin
 * against the allowed origins, so another site cannot ride on it). Secure whenever the request came over HTTPS.
 */
@ApplicationScoped
public class AccessTokenCookie {

    private final AuthConfig.AccessCookie config;
    private final int maxAgeSeconds;

    public AccessTokenCookie(AuthConfig config) {
        this.config = config.accessCookie();
        this.maxAgeSeconds = (int) config.accessTokenLifetime().toSeconds();
    }

    /** Adds the cookie holding {@code accessToken} (when cookies are enabled). */
    public <T> RestResponse.ResponseBuilder<T> set(RestResponse.ResponseBuilder<T> response, String accessToken,
                                                   HttpServerRequest request) {
        return config.enabled() ? response.cookie(cookie(accessToken, maxAgeSeconds, request)) : response;
    }

    /** Adds an expired cookie, so the browser forgets the token. */
    public <T> RestResponse.ResponseBuilder<T> clear(RestResponse.ResponseBuilder<T> response, HttpServerRequest request) {
        return config.enabled() ? response.cookie(cookie("", 0, request)) : response;
    }

    private NewCookie cookie(String value, int maxAge, HttpServerRequest request) {
        return new NewCookie.Builder(config.name()).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure("https".equals(request.scheme()))
                .sameSite(NewCookie.SameSite.valueOf(config.sameSite().toUpperCase(Locale.ROOT)))
                .build();
    }
}
