package com.streambazaar.session.rest;

import com.streambazaar.session.service.Showcase;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** What a session shows right now; {@code activeProductId} and {@code product} are null when nothing is shown. */
@Schema(name = "Showcase", requiredProperties = {"sessionId", "activeProductId", "product"})
public record ShowcaseJson(UUID sessionId, @Schema(nullable = true) UUID activeProductId,
                           @Schema(nullable = true) ProductJson product) {

    public static ShowcaseJson of(Showcase showcase) {
        return new ShowcaseJson(showcase.sessionId(), showcase.activeProductId(), ProductJson.of(showcase.product()));
    }
}
