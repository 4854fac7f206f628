package com.streambazaar.analytics.event;

import com.streambazaar.analytics.config.AnalyticsConfig;
import com.streambazaar.analytics.service.ActivityIngest;
import com.streambazaar.common.event.EventEnvelope;
import com.streambazaar.common.event.IdempotentConsumer;
import com.streambazaar.common.event.contract.ProductClicked;
import com.streambazaar.common.event.contract.ReactionSent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Room activity from realtime-service (presence and heartbeats, chat, reactions, clicks: four topics on one channel,
 * in batches). A batch is split by viewer identity into {@code analytics.ingest-lanes} parts applied concurrently, one
 * transaction each: the events of one viewer stay together, so the parts rarely wait for each other. Order does not
 * matter to the figures.
 *
 * <p>Exactly-once effects without a row per event: only the events whose effect is a count (reactions, clicks) are
 * recorded in {@code processed_event} and skipped when seen again, as {@link IdempotentConsumer#consumeBatch} does.
 * Every other event is idempotent by what it says: a stay keeps its earliest join and earliest leave, a replica its
 * latest instant (a redelivered event never revives one: revival needs an instant after its death), a chat message
 * counts once by its id and a deletion takes it back once; applying one twice changes nothing, so recording it would
 * only cost a row (it was most of the database's work per event).
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CONSUMER = "activity";
    /** Smaller batches are not worth splitting. */
    static final int SPLIT_FROM = 200;
    private static final String VIEWER_FIELD = "\"viewerId\":\"";

    private final IdempotentConsumer consumer;
    private final ActivityIngest ingest;
    private final int lanes;

    public ActivityConsumer(IdempotentConsumer consumer, ActivityIngest ingest, AnalyticsConfig config) {
        this.consumer = consumer;
        this.ingest = ingest;
        this.lanes = Math.max(1, config.ingestLanes());
    }

    @Incoming("activity")
    public Uni<Void> onActivity(List<String> records) {
        if (lanes == 1 || records.size() < SPLIT_FROM) {
            return consume(records);
        }
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            parts.add(new ArrayList<>());
        }
        for (String record : records) {
            parts.get(lane(record, lanes)).add(record);
        }
        List<Uni<Void>> work = new ArrayList<>();
        for (List<String> part : parts) {
            if (!part.isEmpty()) {
                work.add(consume(part));
            }
        }
        return Uni.join().all(work).andCollectFailures().replaceWithVoid();
    }

    /** One transaction for the records, recording only the counted events (see above). */
    private Uni<Void> consume(List<String> records) {
        return consumer.consumeBatch(CONSUMER, records, ActivityConsumer::isCounted, ingest::apply);
    }

    /** Events whose effect adds to a count: applying one twice would count it twice. */
    static boolean isCounted(EventEnvelope envelope) {
        return ReactionSent.SENT.equals(envelope.type()) || ProductClicked.TYPE.equals(envelope.type());
    }

    /**
     * The lane of a record: by its viewer identity when it has one (presence, chat posts, reactions, clicks), else the
     * first. Read from the raw JSON (the record is parsed once, later); a record that is not what it seems still
     * lands in some lane, where it is dealt with as usual.
     */
    static int lane(String record, int lanes) {
        int at = record.indexOf(VIEWER_FIELD);
        if (at < 0) {
            return 0;
        }
        int from = at + VIEWER_FIELD.length();
        int to = record.indexOf('"', from);
        if (to < 0) {
            return 0;
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + record.charAt(i);
        }
        return Math.floorMod(hash, lanes);
    }
}
