package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.ProductCardRepository;
import com.streambazaar.analytics.repository.ProductCardRepository.ProductCard;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.EventJson;
import com.streambazaar.common.event.MalformedEventException;
import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.time.WireClock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Product names for conversion stats, from bazaar.products.v1 (newest state wins; a deletion is kept as a tombstone). */
@ApplicationScoped
public class ProductProjection {

    private final EventJson json;
    private final ProductCardRepository cards;

    public ProductProjection(EventJson json, ProductCardRepository cards) {
        this.json = json;
        this.cards = cards;
    }

    public Uni<Void> apply(SqlConnection connection, List<EventEnvelope> events) {
        Map<UUID, ProductCard> newest = new TreeMap<>();
        for (EventEnvelope envelope : events) {
            if (!envelope.type().startsWith("product.")) {
                continue;
            }
            ProductState state = json.data(envelope, ProductState.class);
            if (state.id() == null || state.updatedAt() == null || state.name() == null) {
                throw new MalformedEventException("product event " + envelope.eventId() + " lacks id, name or updatedAt");
            }
            ProductCard card = new ProductCard(state.id(), state.name(), ProductState.DELETED.equals(envelope.type()),
                    WireClock.truncate(state.updatedAt()));
            newest.merge(card.productId(), card, (a, b) -> {
                int order = b.updatedAt().compareTo(a.updatedAt());
                return order > 0 || (order == 0 && b.deleted()) ? b : a;
            });
        }
        return cards.save(connection, new ArrayList<>(newest.values()));
    }
}
