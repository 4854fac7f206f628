package com.streambazaar.session.rest;

import com.streambazaar.session.service.Showcase;

import java.util.UUID;

/** What a session shows right now; {@code activeProductId} and {@code product} are null when nothing is shown. */
public record ShowcaseJson(UUID sessionId, UUID activeProductId, ProductJson product) {

    public static ShowcaseJson of(Showcase showcase) {
        return new ShowcaseJson(showcase.sessionId(), showcase.activeProductId(), ProductJson.of(showcase.product()));
    }
}
