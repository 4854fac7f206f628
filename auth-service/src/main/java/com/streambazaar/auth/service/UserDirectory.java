package com.streambazaar.auth.service;

import com.streambazaar.auth.model.User;
import com.streambazaar.auth.repository.UserRepository;
import com.streambazaar.common.rest.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Public lookups of accounts in use (deactivated ones are gone here): the list, one user, who is live right now. */
@ApplicationScoped
public class UserDirectory {

    private final UserRepository users;

    public UserDirectory(UserRepository users) {
        this.users = users;
    }

    public Uni<List<User>> list(int limit, int offset) {
        return users.page(limit, offset);
    }

    public Uni<User> byId(long id) {
        return users.findActive(id).map(user -> {
            if (user == null) {
                throw ApiException.notFound("User " + id + " not found");
            }
            return user;
        });
    }

    /** Each live user once, with their most recently started live (or paused) session. */
    public Uni<List<UserRepository.WithLiveSession>> live() {
        return users.withLiveSessions().map(rows -> {
            Set<Long> seen = new HashSet<>();
            List<UserRepository.WithLiveSession> live = new ArrayList<>();
            for (UserRepository.WithLiveSession row : rows) {
                if (seen.add(row.user().id)) {
                    live.add(row);
                }
            }
            return live;
        });
    }
}
