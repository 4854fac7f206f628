package com.streambazaar.auth.repository;

import com.streambazaar.auth.model.LiveSession;
import com.streambazaar.auth.model.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** Accounts. Runs in the caller's session or transaction (services open them). */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, Long> {

    /** A user pair with one of their live sessions. */
    public record WithLiveSession(User user, LiveSession session) {
    }

    /** An account in use by username or email, whatever the case; a deactivated one is as good as unknown. */
    public Uni<User> findActiveByLogin(String identifier) {
        return find("(lower(username) = ?1 or lower(email) = ?1) and deactivatedAt is null",
                identifier.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** An account in use, or null when unknown or deactivated. */
    public Uni<User> findActive(long id) {
        return findById(id).map(user -> user == null || !user.isActive() ? null : user);
    }

    /** Deactivated accounts keep their names: usernames and emails are never handed to someone else. */
    public Uni<Boolean> usernameTaken(String username, long exceptId) {
        return count("lower(username) = ?1 and id <> ?2", username.toLowerCase(Locale.ROOT), exceptId).map(n -> n > 0);
    }

    public Uni<Boolean> emailTaken(String email, long exceptId) {
        return count("lower(email) = ?1 and id <> ?2", email.toLowerCase(Locale.ROOT), exceptId).map(n -> n > 0);
    }

    /** Accounts in use, in id order. */
    public Uni<List<User>> page(int limit, int offset) {
        return find("deactivatedAt is null", Sort.by("id")).range(offset, offset + limit - 1).list();
    }

    /** Users with a live or paused session, newest start first (a user with several sessions appears once per session). */
    public Uni<List<WithLiveSession>> withLiveSessions() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select u, s from User u, LiveSession s where s.creatorId = u.id and s.status in ('live', 'paused') "
                                + "and u.deactivatedAt is null "
                                + "order by s.startedAt desc nulls last, s.updatedAt desc", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new WithLiveSession((User) row[0], (LiveSession) row[1])).toList());
    }
}
