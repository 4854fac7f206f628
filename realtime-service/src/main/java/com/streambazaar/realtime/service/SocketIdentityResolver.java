package com.streambazaar.realtime.service;

import com.streambazaar.common.security.Caller;
import com.streambazaar.realtime.config.RealtimeConfig;
import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place sockets get their identity: verified access tokens only (RS256 against auth-service's JWKS), never a
 * user id from a payload. An explicit token that fails verification refuses the connection. The cookie counts only
 * when the browser's Origin is an allowed origin (no cross-site WebSocket hijacking); a cookie from any other origin,
 * or one that no longer verifies, leaves the connection a guest.
 */
@ApplicationScoped
public class SocketIdentityResolver {

    private final JWTParser parser;
    private final List<Pattern> allowedOrigins;
    private final boolean anyOrigin;

    public SocketIdentityResolver(JWTParser parser,
                                  @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.parser = parser;
        List<Pattern> patterns = new ArrayList<>();
        boolean any = origins.isEmpty() || origins.get().isEmpty();
        for (String origin : origins.orElse(List.of())) {
            String trimmed = origin.trim();
            if (trimmed.equals("*") || trimmed.equals("/.*/")) {
                any = true;
            } else if (trimmed.length() > 2 && trimmed.startsWith("/") && trimmed.endsWith("/")) {
                patterns.add(Pattern.compile(trimmed.substring(1, trimmed.length() - 1)));
            } else if (!trimmed.isEmpty()) {
                patterns.add(Pattern.compile(Pattern.quote(trimmed)));
            }
        }
        this.anyOrigin = any;
        this.allowedOrigins = List.copyOf(patterns);
    }

    /** Verifies off the event loop (the first verification may fetch the JWKS over HTTP). */
    public Uni<SocketIdentity> resolve(Credentials credentials) {
        if (credentials.token() != null && !credentials.token().isBlank()) {
            String token = credentials.token().trim();
            return verify(token).map(caller -> caller
                    .map(c -> new SocketIdentity(c, token))
                    .orElseThrow(() -> new InvalidCredentialsException("Invalid or expired access token")));
        }
        if (credentials.cookieToken() != null && !credentials.cookieToken().isBlank()) {
            if (!originAllowed(credentials.origin())) {
                Log.debugf("Ignoring the access-token cookie from origin %s (not an allowed origin)", credentials.origin());
                return Uni.createFrom().item(SocketIdentity.GUEST);
            }
            String token = credentials.cookieToken().trim();
            return verify(token).map(caller -> caller.map(c -> new SocketIdentity(c, token)).orElse(SocketIdentity.GUEST));
        }
        return Uni.createFrom().item(SocketIdentity.GUEST);
    }

    /** True for a request without Origin (not a browser) or from an allowed origin. */
    public boolean originAllowed(String origin) {
        if (origin == null || origin.isBlank() || anyOrigin) {
            return true;
        }
        for (Pattern pattern : allowedOrigins) {
            if (pattern.matcher(origin).matches()) {
                return true;
            }
        }
        return false;
    }

    private Uni<Optional<Caller>> verify(String token) {
        return Uni.createFrom().item(() -> {
            try {
                return Caller.of(parser.parse(token));
            } catch (ParseException e) {
                return Optional.<Caller>empty();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
