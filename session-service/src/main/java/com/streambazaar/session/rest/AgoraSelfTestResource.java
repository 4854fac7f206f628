package com.streambazaar.session.rest;

import com.streambazaar.common.security.Callers;
import com.streambazaar.common.security.Roles;
import com.streambazaar.session.service.AgoraSelfTest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/test-agora} (admins): checks the Agora credentials and lifetimes (see {@link AgoraSelfTest}). */
@Path("/api/test-agora")
@Tag(name = "Sessions")
public class AgoraSelfTestResource {

    private final AgoraSelfTest selfTest;
    private final Callers callers;

    public AgoraSelfTestResource(AgoraSelfTest selfTest, Callers callers) {
        this.selfTest = selfTest;
        this.callers = callers;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "testAgora", summary = "Check the Agora credentials with sample tokens (admin)")
    public Uni<AgoraSelfTest.Result> selfTest() {
        return callers.required().map(caller -> selfTest.run(caller.userId()));
    }
}
