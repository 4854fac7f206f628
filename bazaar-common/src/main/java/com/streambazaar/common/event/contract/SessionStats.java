package com.streambazaar.common.event.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data of {@code session.stats} on {@code bazaar.session-stats.v1} (key = session id): a live session's figures at
 * one moment, published by analytics-service every 2 s while the session is live (METRICS.md). Each event carries
 * complete figures (not deltas), so a consumer keeps the one with the newest {@code at}. realtime-service relays them
 * to the room ({@code product-click-stats}, {@code trending-products}) and to the creator ({@code analytics-update});
 * session-service ranks "trending" with them.
 *
 * @param currentViewers          viewers in the room right now (the creator is not counted)
 * @param peakViewers             highest concurrent viewers so far
 * @param totalViews              views so far (METRICS.md "view"), guests included
 * @param reactions               reactions so far
 * @param messages                chat messages so far
 * @param clicks                  product clicks so far
 * @param at                      when these figures were taken (UTC); orders events of one session
 * @param uniqueViewers           distinct viewer identities so far
 * @param averageWatchTimeSeconds total watch time ÷ views so far
 * @param engagedViewers          viewers who watched ≥ 5 min, or chatted, reacted or clicked
 * @param chatMessagesPerMinute   chat messages in the last minute
 * @param reactionCounts          reactions so far by type
 * @param reactionPercentages     each type's share of {@code reactions}, whole percent
 * @param productStats            click figures per product of the session
 * @param trendingProducts        up to 5 products ranked by unique clickers in the last 5 minutes
 */
public record SessionStats(UUID sessionId, int currentViewers, int peakViewers, long totalViews, long reactions,
                           long messages, long clicks, Instant at, long uniqueViewers, double averageWatchTimeSeconds,
                           long engagedViewers, double chatMessagesPerMinute, Map<String, Long> reactionCounts,
                           Map<String, Integer> reactionPercentages, List<ProductClickStat> productStats,
                           List<TrendingProduct> trendingProducts) {

    public static final String TYPE = "session.stats";

    /**
     * @param clickThroughRate unique clickers ÷ unique viewers of the session (0..1)
     */
    public record ProductClickStat(UUID productId, long uniqueClicks, long totalClicks, double clickThroughRate) {
    }

    /**
     * @param rank         1 = most unique clickers in the last 5 minutes
     * @param uniqueClicks unique clickers in the last 5 minutes
     * @param totalClicks  clicks in the last 5 minutes
     */
    public record TrendingProduct(int rank, UUID productId, long uniqueClicks, long totalClicks,
                                  double clickThroughRate) {
    }
}
