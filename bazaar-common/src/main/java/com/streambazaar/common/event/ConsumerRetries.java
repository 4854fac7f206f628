package com.streambazaar.common.event;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a consumer's work waits out failures that are not the event's fault: retried with backoff until it succeeds, so
 * the partition waits and nothing is lost. Once the service is stopping (the database pool closes right after the
 * shutdown event, before the Kafka consumers stop), a failure is neither retried nor set aside as poison: the work is
 * left unfinished, its offset uncommitted, and the records are delivered again after the restart.
 */
@ApplicationScoped
public class ConsumerRetries {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private volatile boolean stopping;

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** For tests and for callers that learn of the stop another way. */
    public void stop() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /** Whether a failure may be set aside as poison: never while stopping (a closed pool is no fault of the event). */
    public boolean isPoison(Throwable failure) {
        return !stopping && ConsumerFailures.isPoison(failure);
    }

    /**
     * @param what  names the work in logs (a consumer and its event or batch)
     * @param work  subscribed again on every retry
     * @return completes when the work succeeded; never, once a failure meets a stopping service
     */
    public Uni<Void> untilApplied(Supplier<String> what, Uni<Void> work) {
        return work
                .onFailure(failure -> !stopping).invoke(failure -> Log.warnf("%s could not be applied yet, retrying: %s",
                        what.get(), ConsumerFailures.describe(failure)))
                .onFailure(failure -> !stopping).retry().withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely()
                .onFailure().recoverWithUni(failure -> {
                    Log.infof("%s left for redelivery: the service is stopping (%s)", what.get(),
                            ConsumerFailures.describe(failure));
                    return Uni.createFrom().nothing();
                });
    }
}
