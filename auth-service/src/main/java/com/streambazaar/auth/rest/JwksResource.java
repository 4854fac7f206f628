package com.streambazaar.auth.rest;

import com.streambazaar.auth.security.JsonWebKeySet;
import com.streambazaar.auth.security.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public signing keys the other services verify access tokens with. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final JsonWebKeySet keys;

    public JwksResource(SigningKeys signingKeys) {
        this.keys = JsonWebKeySet.of(signingKeys.all());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Auth")
    @Operation(operationId = "getJwks", summary = "The public keys access tokens are signed with (RFC 7517 JWK set)")
    @APIResponse(responseCode = "200", description = "The JWK set; cache it for at most a minute",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(name = "JsonWebKeySet",
                    type = SchemaType.OBJECT, requiredProperties = "keys", properties = @SchemaProperty(name = "keys",
                    type = SchemaType.ARRAY, description = "RSA public keys: kty, kid, use, alg, n, e"))))
    public Response jwks() {
        // short cache: a newly added key must reach verifiers well before it becomes the active one
        return Response.ok(keys).header("Cache-Control", "public, max-age=60").build();
    }
}
