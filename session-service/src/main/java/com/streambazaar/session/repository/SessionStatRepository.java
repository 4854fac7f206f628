package com.streambazaar.session.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Newest live figures per session. */
@ApplicationScoped
public class SessionStatRepository implements PanacheRepositoryBase<SessionStat, UUID> {
}
