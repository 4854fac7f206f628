package com.streambazaar.realtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The creator's {@code showcase-product} socket event, forwarded to session-service (which persists it and publishes
 * {@code product-showcased}; the rooms broadcast what they consume). Fault tolerant: a bounded wait, two retries of
 * connection failures (showcasing is idempotent), and a circuit breaker so a session-service outage answers at once.
 * session-service's refusals (4xx) are answers, not failures: they are neither retried nor counted by the breaker.
 */
@ApplicationScoped
public class ShowcaseClient {

    private final SessionServiceApi api;
    private final ObjectMapper mapper;

    public ShowcaseClient(@RestClient SessionServiceApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /** The answer's {@code data}; a refusal fails with {@link ShowcaseRefusedException}. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class, abortOn = ShowcaseRefusedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = ShowcaseRefusedException.class)
    public Uni<JsonNode> showcase(UUID sessionId, UUID productId, String accessToken) {
        return api.showcase(sessionId, "Bearer " + accessToken, new SessionServiceApi.ShowcaseRequest(productId))
                .map(answer -> answer == null ? null : answer.path("data"))
                .onFailure(WebApplicationException.class).transform(failure -> refusal((WebApplicationException) failure));
    }

    private ShowcaseRefusedException refusal(WebApplicationException failure) {
        int status = failure.getResponse() == null ? 502 : failure.getResponse().getStatus();
        String message = "session-service refused the showcase (" + status + ")";
        try {
            String body = failure.getResponse().readEntity(String.class);
            JsonNode error = mapper.readTree(body);
            if (error != null && error.hasNonNull("message")) {
                message = error.get("message").asText();
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException ignored) {
            // keep the generic message
        }
        if (status >= 500) {
            return new ShowcaseRefusedException(status, "The showcase could not be saved right now; try again");
        }
        return new ShowcaseRefusedException(status, message);
    }

    /** session-service answered with an error status; the message is meant for the creator. */
    public static class ShowcaseRefusedException extends RuntimeException {
        private final int status;

        public ShowcaseRefusedException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
