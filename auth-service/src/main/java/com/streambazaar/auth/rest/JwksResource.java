package com.streambazaar.auth.rest;

import com.streambazaar.auth.security.JsonWebKeySet;
import com.streambazaar.auth.security.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public signing keys the other services verify access tokens with. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final JsonWebKeySet keys;

    public JwksResource(SigningKeys signingKeys) {
        this.keys = JsonWebKeySet.of(signingKeys.all());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        // short cache: a newly added key must reach verifiers well before it becomes the active one
        return Response.ok(keys).header("Cache-Control", "public, max-age=60").build();
    }
}
