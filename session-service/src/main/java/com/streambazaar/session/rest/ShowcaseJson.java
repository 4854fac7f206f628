package com.streambazaar.session.rest;

import java.util.UUID;

/** What a session shows right now; {@code activeProductId} and {@code product} are null when nothing is shown. */
public record ShowcaseJson(UUID sessionId, UUID activeProductId, ProductJson product) {
}
