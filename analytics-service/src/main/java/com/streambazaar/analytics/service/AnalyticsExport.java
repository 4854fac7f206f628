package com.streambazaar.analytics.service;

import com.streambazaar.analytics.repository.MinuteRow;
import com.streambazaar.analytics.repository.RollupRepository;
import com.streambazaar.analytics.repository.SessionReadModelRepository;
import com.streambazaar.analytics.repository.ViewRow;
import com.streambazaar.analytics.repository.ViewRepository;
import com.streambazaar.common.rest.ApiException;
import com.streambazaar.common.security.Caller;
import com.streambazaar.common.time.WireClock;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

/**
 * The CSV a creator takes elsewhere: every view, and the per-minute timeline. Views are streamed from a cursor, so a
 * session with a million views is exported without holding them in memory.
 */
@ApplicationScoped
public class AnalyticsExport {

    /** What to export. */
    public enum Part {
        ALL, VIEWS, TIMELINE;

        public static Part parse(String value) {
            if (value == null || value.isBlank()) {
                return ALL;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "views" -> VIEWS;
                case "timeline" -> TIMELINE;
                default -> throw ApiException.badRequest("include", "include must be views, timeline or all");
            };
        }
    }

    /** An authorized export: its file name and its lines. */
    public record Export(String fileName, Multi<String> lines) {
    }

    static final String VIEWS_HEADER = "viewId,viewerId,userId,username,joinedAt,leftAt,watchSeconds,stays,active\n";
    static final String TIMELINE_HEADER = "minute,joins,leaves,messages,reactions,clicks,viewers\n";

    private final SessionAccess access;
    private final SessionReadModelRepository sessions;
    private final ViewRepository views;
    private final RollupRepository rollups;
    private final WireClock clock;

    public AnalyticsExport(SessionAccess access, SessionReadModelRepository sessions, ViewRepository views,
                           RollupRepository rollups, WireClock clock) {
        this.access = access;
        this.sessions = sessions;
        this.views = views;
        this.rollups = rollups;
        this.clock = clock;
    }

    public static void requireCsv(String format) {
        if (format != null && !format.isBlank() && !"csv".equalsIgnoreCase(format.trim())) {
            throw ApiException.badRequest("format", "format must be csv");
        }
    }

    @WithSession
    public Uni<Export> export(Caller caller, UUID sessionId, Part part) {
        return access.owned(caller, sessionId).map(owned -> {
            Instant now = clock.now();
            Multi<String> viewLines = Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(VIEWS_HEADER),
                    views.stream(sessionId).map(view -> viewLine(view, now)));
            Multi<String> timelineLines = Multi.createFrom().uni(timeline(sessionId, now))
                    .onItem().transformToIterable(lines -> lines);
            Multi<String> lines = switch (part) {
                case VIEWS -> viewLines;
                case TIMELINE -> timelineLines;
                case ALL -> Multi.createBy().concatenating().streams(Multi.createFrom().item("# views\n"), viewLines,
                        Multi.createFrom().item("\n# timeline\n"), timelineLines);
            };
            return new Export("session-" + sessionId + "-analytics.csv", lines);
        });
    }

    /** The per-minute timeline over the whole broadcast, produced minute by minute. */
    private Uni<Iterable<String>> timeline(UUID sessionId, Instant now) {
        return Uni.combine().all().unis(sessions.find(sessionId), rollups.minutesOf(sessionId)).asTuple().map(parts -> {
            List<MinuteRow> rows = parts.getItem2();
            var session = parts.getItem1();
            Instant from = session.startedAt();
            Instant to = session.endedAt() != null ? session.endedAt() : (session.startedAt() != null ? now : null);
            if (!rows.isEmpty()) {
                Instant first = rows.get(0).minute();
                Instant last = rows.get(rows.size() - 1).minute();
                from = from == null || first.isBefore(from) ? first : from;
                to = to == null || last.isAfter(to) ? last : to;
            }
            List<ConcurrencySweep.Minute> concurrency = rows.stream().map(MinuteRow::concurrency).toList();
            Map<Instant, MinuteRow> byMinute = new HashMap<>();
            rows.forEach(r -> byMinute.put(r.minute(), r));
            Iterable<ConcurrencySweep.Sample> samples = ConcurrencySweep.curveOf(concurrency, from, to);
            return () -> new Iterator<String>() {
                private final Iterator<ConcurrencySweep.Sample> minutes = samples.iterator();
                private boolean headerSent;

                @Override
                public boolean hasNext() {
                    return !headerSent || minutes.hasNext();
                }

                @Override
                public String next() {
                    if (!headerSent) {
                        headerSent = true;
                        return TIMELINE_HEADER;
                    }
                    ConcurrencySweep.Sample sample = minutes.next();
                    MinuteRow r = byMinute.get(sample.at());
                    return sample.at() + "," + (r == null ? "0,0,0,0,0" : r.joins() + "," + r.leaves() + ","
                            + r.messages() + "," + r.reactions() + "," + r.clicks()) + "," + sample.viewers() + "\n";
                }
            };
        });
    }

    static String viewLine(ViewRow view, Instant now) {
        Figures.ViewerVisit visit = SessionDashboards.visit(view, now);
        return view.viewId() + "," + csv(view.viewerId()) + "," + (view.userId() == null ? "" : view.userId()) + ","
                + csv(view.username()) + "," + view.joinedAt() + "," + (view.endAt() == null ? "" : view.endAt()) + ","
                + visit.watchDuration() + "," + view.stays() + "," + view.open() + "\n";
    }

    /** A CSV field, quoted when it holds a comma, quote or line break (and guarded against spreadsheet formulas). */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
