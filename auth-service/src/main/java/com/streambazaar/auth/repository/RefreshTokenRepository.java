package com.streambazaar.auth.repository;

import com.streambazaar.auth.model.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.UUID;

/** Refresh tokens by hash and family. Runs in the caller's session or transaction. */
@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, Long> {

    /** Locks the row: two refreshes with the same token are serialized, so the second one sees it used. */
    public Uni<RefreshToken> findByHashForUpdate(String tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant at) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", at, familyId);
    }

    /** Every login of the user except one (the caller's own), e.g. after a password change. */
    public Uni<Integer> revokeAllOfUserExcept(long userId, UUID keptFamily, Instant at) {
        if (keptFamily == null) {
            return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", at, userId);
        }
        return update("revokedAt = ?1 where userId = ?2 and familyId <> ?3 and revokedAt is null", at, userId, keptFamily);
    }
}
