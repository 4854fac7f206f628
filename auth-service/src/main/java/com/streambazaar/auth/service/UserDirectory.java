package com.streambazaar.auth.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.auth.model.LiveSession;
import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Public lookups of accounts in use (deactivated ones are gone here): the list, one user, who is live right now. */
@ApplicationScoped
public class UserDirectory {

    /** A live user with their most recently started live (or paused) session and its tags. */
    public record LiveHost(User user, LiveSession session, List<String> tags) {
    }

    private final UserRepository users;
    private final ObjectMapper mapper;

    public UserDirectory(UserRepository users, ObjectMapper mapper) {
        this.users = users;
        this.mapper = mapper;
    }

    /** Accounts in use, in id order. */
    @WithSession
    public Uni<List<User>> list(PageRequest page) {
        return users.page(page.limit(), page.offset());
    }

    @WithSession
    public Uni<User> byId(long id) {
        return users.findActive(id).map(user -> {
            if (user == null) {
                throw ApiException.notFound("User " + id + " not found");
            }
            return user;
        });
    }

    /** Each live user once, with their most recently started live (or paused) session. */
    @WithSession
    public Uni<List<LiveHost>> live() {
        return users.withLiveSessions().map(rows -> {
            Set<Long> seen = new HashSet<>();
            List<LiveHost> live = new ArrayList<>();
            for (UserRepository.WithLiveSession row : rows) {
                if (seen.add(row.user().id)) {
                    live.add(new LiveHost(row.user(), row.session(), tags(row.session())));
                }
            }
            return live;
        });
    }

    /** The stored JSON array of tags; an unreadable one shows as no tags rather than failing the whole list. */
    private List<String> tags(LiveSession session) {
        try {
            return List.of(mapper.readValue(session.tags, String[].class));
        } catch (Exception e) {
            return List.of();
        }
    }
}
