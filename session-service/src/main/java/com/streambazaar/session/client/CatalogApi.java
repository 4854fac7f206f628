package com.streambazaar.session.client;

import com.streambazaar.common.event.contract.ProductState;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * catalog-service's public product route. Its JSON is the product's full state, the same fields as the
 * {@code bazaar.products.v1} contract, so it is read straight into {@link ProductState}.
 */
@RegisterRestClient(configKey = "catalog")
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogApi {

    @GET
    @Path("/{id}")
    Uni<ProductState> product(@PathParam("id") UUID id);
}
