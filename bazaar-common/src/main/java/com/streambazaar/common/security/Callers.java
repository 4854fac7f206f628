package com.streambazaar.common.security;

import com.streambazaar.common.rest.ApiException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Who is calling, resolved without blocking the event loop (authentication is not proactive, so routes where a
 * token is optional resolve it on demand). A token that is sent but invalid fails with 401, never as a guest.
 */
@ApplicationScoped
public class Callers {

    private final CurrentIdentityAssociation identities;

    public Callers(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The caller, or empty for a guest. */
    public Uni<Optional<Caller>> optional() {
        return identities.getDeferredIdentity().map(identity -> {
            if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                return Optional.empty();
            }
            return Caller.of(jwt);
        });
    }

    /** The caller; 401 for a guest. */
    public Uni<Caller> required() {
        return optional().map(caller -> caller.orElseThrow(
                () -> ApiException.unauthorized("Authentication required: send a valid access token")));
    }
}
