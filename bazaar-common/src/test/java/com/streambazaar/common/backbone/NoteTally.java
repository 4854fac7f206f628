package com.streambazaar.common.backbone;

import com.streambazaar.common.event.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.UUID;

/** A consumer whose effect is countable: every applied event adds one to its note's tally. */
@ApplicationScoped
public class NoteTally {

    private final IdempotentConsumer consumer;

    public NoteTally(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("notes")
    public Uni<Void> onNote(String record) {
        return consumer.consume("note-tally", record, envelope -> Panache.getSession().chain(session -> session
                .createNativeQuery("insert into note_tally (note_id, times) values (:id, 1) "
                        + "on conflict (note_id) do update set times = note_tally.times + 1")
                .setParameter("id", UUID.fromString(envelope.key()))
                .executeUpdate()));
    }
}
