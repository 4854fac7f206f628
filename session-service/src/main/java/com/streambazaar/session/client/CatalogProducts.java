package com.streambazaar.session.client;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.rest.ApiException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a product from catalog-service when the local read model has not seen it yet (its event is still on the
 * way). Bounded: a slow or failing catalog costs a request at most about two seconds, and a catalog that keeps
 * failing is left alone for a while by the circuit breaker.
 */
@ApplicationScoped
public class CatalogProducts {

    private final CatalogApi catalog;

    public CatalogProducts(@RestClient CatalogApi catalog) {
        this.catalog = catalog;
    }

    /** The product's state, empty when catalog-service does not know it (404). */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Exception.class, skipOn = ApiException.class)
    public Uni<Optional<ProductState>> find(UUID id) {
        return catalog.product(id).map(Optional::ofNullable)
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    if (status == 404 || status == 400) {
                        return Uni.createFrom().item(Optional.<ProductState>empty());
                    }
                    return Uni.createFrom().failure(failure);
                })
                .onFailure(failure -> !(failure instanceof ApiException)).invoke(failure ->
                        Log.warnf("catalog-service could not be asked for product %s: %s", id, failure.getMessage()));
    }
}
