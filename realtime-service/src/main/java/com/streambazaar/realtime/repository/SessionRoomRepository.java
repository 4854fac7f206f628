package com.streambazaar.realtime.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class SessionRoomRepository implements PanacheRepositoryBase<SessionRoom, UUID> {
}
