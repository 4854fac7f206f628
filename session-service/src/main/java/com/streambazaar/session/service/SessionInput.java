package com.streambazaar.session.service;

import com.streambazaar.common.rest.Patch;
import com.streambazaar.session.repository.SessionStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Validated fields of a session create or update (absent = unchanged); the REST layer checks every rule. */
public record SessionInput(Patch<String> title, Patch<String> description, Patch<String> category,
                           Patch<List<String>> tags, Patch<String> streamUrl, Patch<String> streamKey,
                           Patch<Instant> scheduledAt, Patch<List<UUID>> productIds, Patch<SessionStatus> status) {
}
