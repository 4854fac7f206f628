package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.ClickRepository;
import com.streambazaar.analytics.repository.ClickRepository.ProductClicks;
import com.streambazaar.analytics.repository.ProductCardRepository;
import com.streambazaar.analytics.repository.ReactionTallyRepository;
import com.streambazaar.analytics.repository.SessionInfo;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.SessionTotals;
import com.streambazaar.analytics.repository.SessionTotalsRepository;
import com.streambazaar.analytics.service.Figures.ConversionData;
import com.streambazaar.analytics.service.Figures.ConversionStats;
import com.streambazaar.analytics.service.Figures.ProductConversion;
import com.streambazaar.analytics.service.Figures.ReactionSummary;
import com.streambazaar.analytics.service.Figures.TypeCount;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Figures anyone may read, live while the session is live: reactions and conversion stats. */
@ApplicationScoped
public class PublicFigures {

    private final SessionAccess access;
    private final SessionReadModelRepository sessions;
    private final SessionTotalsRepository totals;
    private final ReactionTallyRepository reactions;
    private final ClickRepository clicks;
    private final ProductCardRepository products;

    public PublicFigures(SessionAccess access, SessionReadModelRepository sessions, SessionTotalsRepository totals,
                         ReactionTallyRepository reactions, ClickRepository clicks, ProductCardRepository products) {
        this.access = access;
        this.sessions = sessions;
        this.totals = totals;
        this.reactions = reactions;
        this.clicks = clicks;
        this.products = products;
    }

    @WithSession
    public Uni<ReactionSummary> reactions(UUID sessionId) {
        return access.visible(sessionId).chain(session -> reactions.countsBySession(sessionId).map(counts -> {
            List<TypeCount> sorted = counts.entrySet().stream().map(e -> new TypeCount(e.getKey(), e.getValue()))
                    .toList();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return new ReactionSummary(sessionId, session.status, "live".equals(session.status), counts, sorted,
                    total, WholePercentages.of(counts));
        }));
    }

    /** Per product: unique and total clicks and the click-through rate; the session's products, then any other clicked. */
    @WithSession
    public Uni<ConversionStats> conversion(UUID sessionId) {
        return access.visible(sessionId).chain(visible -> Uni.combine().all()
                .unis(sessions.find(sessionId), totals.find(sessionId), clicks.tallies(List.of(sessionId)))
                .asTuple()
                .chain(parts -> {
                    SessionInfo session = parts.getItem1();
                    SessionTotals sums = parts.getItem2();
                    List<ProductClicks> tallies = parts.getItem3();
                    Map<UUID, ProductClicks> byProduct = new LinkedHashMap<>();
                    session.productIds().forEach(id -> byProduct.put(id, new ProductClicks(sessionId, id, 0, 0)));
                    tallies.forEach(t -> byProduct.put(t.productId(), t));
                    List<UUID> order = new ArrayList<>(byProduct.keySet());
                    return products.names(order).map(names -> {
                        List<ProductConversion> list = new ArrayList<>();
                        for (UUID id : order) {
                            ProductClicks t = byProduct.get(id);
                            list.add(new ProductConversion(id, names.get(id), t.uniqueClickers(), t.clicks(),
                                    Durations.percent(t.uniqueClickers(), sums.uniqueViewers())));
                        }
                        // the seed system listed the most clicked first; display order breaks ties
                        list.sort(Comparator.comparingLong(ProductConversion::uniqueClicks).reversed()
                                .thenComparing(Comparator.comparingLong(ProductConversion::totalClicks).reversed())
                                .thenComparingInt(p -> order.indexOf(p.productId())));
                        return new ConversionStats(true, "Conversion stats retrieved", sessionId, session.status(),
                                new ConversionData(sums.uniqueViewers(), list));
                    });
                }));
    }
}
