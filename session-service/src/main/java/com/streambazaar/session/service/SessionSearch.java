package com.streambazaar.session.service;

import com.streambazaar.common.event.contract.ProductState;
import com.streambazaar.common.rest.Page;
import com.streambazaar.common.rest.PageRequest;
import com.streambazaar.session.repository.ProductCardRepository;
import com.streambazaar.session.repository.SessionPage;
import com.streambazaar.session.repository.SessionSearchRepository;
import com.streambazaar.session.repository.SessionSearchRepository.Filter;
import com.streambazaar.session.repository.SessionSearchRepository.Sort;
import com.streambazaar.session.repository.SessionStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Public discovery: session search, live, upcoming, trending (by live figures), and the global search. */
@ApplicationScoped
public class SessionSearch {

    /** What a session search asks for; null fields do not filter. {@code likePattern} is LIKE-escaped. */
    public record Query(String likePattern, SessionStatus status, String category, Long creatorId) {
    }

    /** The orders a session search can be sorted in. */
    public enum Order { NEWEST, OLDEST, TITLE }

    /** The first matching sessions and products, and how many of each match in all. */
    public record Everything(List<SessionCard> sessions, List<ProductState> products, long sessionTotal,
                             long productTotal) {
    }

    private final SessionSearchRepository search;
    private final ProductCardRepository products;
    private final SessionSnapshots snapshots;

    public SessionSearch(SessionSearchRepository search, ProductCardRepository products, SessionSnapshots snapshots) {
        this.search = search;
        this.products = products;
        this.snapshots = snapshots;
    }

    @WithSession
    public Uni<Page<SessionCard>> sessions(Query query, Order order, PageRequest page) {
        Filter filter = new Filter(query.likePattern(), query.status(), query.category(), query.creatorId());
        return cards(search.search(filter, Sort.valueOf(order.name()), page.limit(), page.offset()), page);
    }

    @WithSession
    public Uni<Page<SessionCard>> live(PageRequest page) {
        return cards(search.live(page.limit(), page.offset()), page);
    }

    @WithSession
    public Uni<Page<SessionCard>> upcoming(PageRequest page) {
        return cards(search.upcoming(page.limit(), page.offset()), page);
    }

    @WithSession
    public Uni<Page<SessionCard>> trending(PageRequest page) {
        return cards(search.trending(page.limit(), page.offset()), page);
    }

    /** Sessions and products whose text contains the (escaped) pattern; {@code limit} applies to each list. */
    @WithSession
    public Uni<Everything> everything(String likePattern, int limit) {
        return search.search(new Filter(likePattern, null, null, null), Sort.NEWEST, limit, 0)
                .chain(found -> snapshots.cards(found.sessions())
                        .chain(sessions -> products.search(likePattern, limit)
                                .map(matches -> new Everything(sessions,
                                        matches.products().stream().map(SessionSnapshots::state).toList(),
                                        found.total(), matches.total()))));
    }

    private Uni<Page<SessionCard>> cards(Uni<SessionPage> found, PageRequest page) {
        return found.chain(result -> snapshots.cards(result.sessions())
                .map(cards -> Page.of(cards, result.total(), page)));
    }
}
