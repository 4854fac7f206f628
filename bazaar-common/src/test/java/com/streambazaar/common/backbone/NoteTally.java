package com.streambazaar.common.backbone;

import com.streambazaar.common.event.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer whose effect is countable: every applied event adds one to its note's tally. A note whose text is
 * {@code flaky-<n>} fails its first n attempts the way a dropped database connection does.
 */
@ApplicationScoped
public class NoteTally {

    private final IdempotentConsumer consumer;
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public NoteTally(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("notes")
    public Uni<Void> onNote(String record) {
        return consumer.consume("note-tally", record, envelope -> {
            UUID noteId = UUID.fromString(envelope.key());
            String text = envelope.data().path("text").asText("");
            if (text.startsWith("flaky-")
                    && attempts.computeIfAbsent(noteId, id -> new AtomicInteger()).incrementAndGet()
                    <= Integer.parseInt(text.substring("flaky-".length()))) {
                return Uni.createFrom().failure(new VertxException("Connection is not active now", true));
            }
            return Panache.getSession().chain(session -> session
                    .createNativeQuery("insert into note_tally (note_id, times) values (:id, 1) "
                            + "on conflict (note_id) do update set times = note_tally.times + 1")
                    .setParameter("id", noteId)
                    .executeUpdate());
        });
    }
}
