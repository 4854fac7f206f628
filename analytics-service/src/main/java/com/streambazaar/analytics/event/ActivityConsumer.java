package com.streambazaar.analytics.event;

import com.streambazaar.analytics.config.AnalyticsConfig;
import com.streambazaar.analytics.service.ActivityIngest;
import com.streambazaar.common.event.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Room activity from realtime-service (presence and heartbeats, chat, reactions, clicks: four topics on one channel,
 * in batches). A batch is split by viewer identity into {@code analytics.ingest-lanes} parts applied concurrently, one
 * transaction each: the events of one viewer stay together, so the parts rarely wait for each other. Redelivered
 * events are skipped by eventId; order does not matter to the figures.
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
            return consumer.consumeBatch(CONSUMER, records, ingest::apply);
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
                work.add(consumer.consumeBatch(CONSUMER, part, ingest::apply));
            }
        }
        return Uni.join().all(work).andCollectFailures().replaceWithVoid();
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
