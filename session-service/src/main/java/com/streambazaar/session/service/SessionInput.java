package com.streambazaar.session.service;

import com.streambazaar.common.rest.Patch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Validated fields of a session create or update request (see the REST layer for the rules). */
public record SessionInput(Patch<String> title, Patch<String> description, Patch<String> category,
                           Patch<List<String>> tags, Patch<String> streamUrl, Patch<String> streamKey,
                           Patch<Instant> scheduledAt, Patch<List<UUID>> productIds, Patch<String> status) {
}
