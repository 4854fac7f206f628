package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code session.stats} events on {@code bazaar.session-stats.v1}, keyed by session id: a session's live
 * figures at one moment, published by realtime-service or analytics-service. Each event carries the complete
 * figures (not deltas), so a consumer keeps the one with the newest {@code at} and ignores older ones.
 *
 * @param currentViewers viewers in the room right now (the creator is not counted)
 * @param peakViewers    highest concurrent viewers so far
 * @param totalViews     joins so far, guests included
 * @param reactions      reactions so far
 * @param messages       chat messages so far
 * @param clicks         product clicks so far
 * @param at             when these figures were taken (UTC); orders events of one session
 */
public record SessionStats(UUID sessionId, int currentViewers, int peakViewers, long totalViews, long reactions,
                           long messages, long clicks, Instant at) {

    public static final String TYPE = "session.stats";
}
