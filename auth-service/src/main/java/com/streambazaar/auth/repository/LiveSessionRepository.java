package com.streambazaar.auth.repository;

import com.streambazaar.auth.model.LiveSession;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
@WithSession
public class LiveSessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {
}
