package com.streambazaar.analytics.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The figures as clients read them (API.md analytics table; extra fields beyond the seed system's are ours). Returned
 * by the figure services and serialized as they are.
 */
public final class Figures {

    private Figures() {
    }

    // ---- GET /api/sessions/:sid/analytics ----

    public record SessionDashboard(UUID sessionId, SessionSummary session, ViewerFigures viewers,
                                   ProductFigures products, ReactionFigures reactions, Engagement engagement,
                                   Instant asOf) {
    }

    public record SessionSummary(String title, String status, CreatorCard creator, Instant createdAt,
                                 Instant updatedAt, Instant startedAt, Instant endedAt) {
    }

    public record CreatorCard(long id, String username) {
    }

    /**
     * @param unique                   distinct viewer identities (guests included)
     * @param total                    views
     * @param peak                     highest concurrent viewers, exact, first reached at {@code peakAt}
     * @param averageConcurrent        time-weighted mean over the live interval (so far)
     * @param avgWatchTime             seconds per view
     * @param avgWatchTimePerViewer    seconds per unique viewer
     * @param totalWatchTime           seconds, all views
     * @param current                  views open now
     * @param engaged                  viewers who watched ≥ 5 min, or chatted, reacted or clicked
     */
    public record ViewerFigures(long unique, long uniqueSignedIn, long uniqueAnonymous, long total, int peak,
                                Instant peakAt, double averageConcurrent, double avgWatchTime,
                                String avgWatchTimeFormatted, double avgWatchTimePerViewer,
                                String avgWatchTimePerViewerFormatted, java.math.BigDecimal totalWatchTime, long current,
                                long engaged) {
    }

    public record ProductFigures(int total, int featured, List<ProductLine> list) {
    }

    /**
     * @param featured         the creator marked the product featured
     * @param displayOrder     position in the session's display order, from 0
     * @param clickThroughRate unique clickers ÷ unique viewers, percent with two decimals
     */
    public record ProductLine(UUID productId, String name, boolean featured, int displayOrder, long totalClicks,
                              long uniqueClicks, double clickThroughRate) {
    }

    public record ReactionFigures(long total, Map<String, Long> breakdown, Map<String, Integer> percentages) {
    }

    /**
     * @param viewerTimeline   per hour (the seed system's timeline), hours with activity
     * @param minuteTimeline   per minute of the broadcast, with concurrent viewers at the minute's first instant
     * @param concurrencyCurve concurrent viewers at each minute of the broadcast
     */
    public record Engagement(List<HourPoint> viewerTimeline, List<MinutePoint> minuteTimeline,
                             List<CurvePoint> concurrencyCurve, RetentionFigures retention, long engagedViewers,
                             long messages, long reactions, long clicks) {
    }

    public record HourPoint(Instant timestamp, long joins, long leaves, long messages, long reactions, long clicks) {
    }

    public record MinutePoint(Instant timestamp, int joins, int leaves, int messages, int reactions, int clicks,
                              int viewers) {
    }

    public record CurvePoint(Instant timestamp, int viewers) {
    }

    /** Watch times of views: counts per range, percentiles in seconds (continuous interpolation). */
    public record RetentionFigures(List<RangeCount> ranges, double p25, double median, double p75, double p90,
                                   String p25Formatted, String medianFormatted, String p75Formatted,
                                   String p90Formatted) {
    }

    public record RangeCount(String label, long count) {
    }

    // ---- GET /api/sessions/:sid/analytics/live ----

    public record LiveViewers(UUID sessionId, long liveViewerCount, List<LiveViewer> viewers, long total, int limit,
                              int offset, boolean hasMore) {
    }

    /** @param watchDuration whole seconds so far */
    public record LiveViewer(UUID id, String viewerId, Long userId, String username, Instant joinedAt,
                             long watchDuration) {
    }

    // ---- GET /api/sessions/:sid/analytics/viewers ----

    public record ViewerHistory(UUID sessionId, long total, List<ViewerVisit> viewers, int limit, int offset,
                                boolean hasMore) {
    }

    /** One view. {@code watchDuration} in seconds (so far, for an open view). */
    public record ViewerVisit(UUID id, String viewerId, Long userId, String username, Instant joinedAt,
                              Instant leftAt, double watchDuration, String watchDurationFormatted, boolean isActive,
                              int stays) {
    }

    // ---- GET /api/sessions/:sid/conversion-stats ----

    public record ConversionStats(boolean success, String message, UUID sessionId, String sessionStatus,
                                  ConversionData data) {
    }

    public record ConversionData(long totalViewers, List<ProductConversion> products) {
    }

    /** {@code clickThroughRate}: unique clickers ÷ unique viewers, percent with two decimals. */
    public record ProductConversion(UUID productId, String productName, long uniqueClicks, long totalClicks,
                                    double clickThroughRate) {
    }

    // ---- GET /api/sessions/:sid/reactions ----

    public record ReactionSummary(UUID sessionId, String sessionStatus, boolean isLive, Map<String, Long> reactions,
                                  List<TypeCount> sortedReactions, long total, Map<String, Integer> percentages) {
    }

    public record TypeCount(String type, long count) {
    }

    // ---- GET /api/analytics/creator/:creatorId ----

    public record CreatorAnalytics(boolean success, String message, long creatorId, CreatorData data) {
    }

    public record CreatorData(SessionCounts sessions, CreatorViewers viewers, ReactionTotals reactions,
                              CreatorProducts products) {
    }

    public record SessionCounts(long total, Map<String, Long> byStatus) {
    }

    /**
     * @param totalUnique       distinct viewer identities across the creator's sessions
     * @param averagePerSession mean of the sessions' unique viewers
     * @param peakConcurrent    highest peak of any session
     */
    public record CreatorViewers(long totalUnique, double averagePerSession, int peakConcurrent) {
    }

    public record ReactionTotals(long total, Map<String, Long> breakdown) {
    }

    /**
     * @param uniqueUsers distinct clicking identities across the creator's sessions
     * @param averageCTR  mean click-through rate of the clicked products, percent with two decimals
     */
    public record CreatorProducts(long totalClicks, long uniqueUsers, double averageCTR) {
    }
}
