package com.streambazaar.analytics.rest;

import com.streambazaar.analytics.service.Figures;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The figure records are serialized by Jackson, most of them nested in generic lists and maps, which a native image
 * would not keep reflection metadata for on its own.
 */
@RegisterForReflection(targets = {
        Figures.SessionDashboard.class,
        Figures.SessionSummary.class,
        Figures.CreatorCard.class,
        Figures.ViewerFigures.class,
        Figures.ProductFigures.class,
        Figures.ProductLine.class,
        Figures.ReactionFigures.class,
        Figures.Engagement.class,
        Figures.HourPoint.class,
        Figures.MinutePoint.class,
        Figures.CurvePoint.class,
        Figures.RetentionFigures.class,
        Figures.RangeCount.class,
        Figures.LiveViewers.class,
        Figures.LiveViewer.class,
        Figures.ViewerHistory.class,
        Figures.ViewerVisit.class,
        Figures.ConversionStats.class,
        Figures.ConversionData.class,
        Figures.ProductConversion.class,
        Figures.ReactionSummary.class,
        Figures.TypeCount.class,
        Figures.CreatorAnalytics.class,
        Figures.CreatorData.class,
        Figures.SessionCounts.class,
        Figures.CreatorViewers.class,
        Figures.ReactionTotals.class,
        Figures.CreatorProducts.class})
public final class FiguresForNative {

    private FiguresForNative() {
    }
}
