package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;

import java.util.UUID;

/** What a session shows right now; {@code activeProductId} and {@code product} are null when nothing is shown. */
public record Showcase(UUID sessionId, UUID activeProductId, ProductState product) {
}
