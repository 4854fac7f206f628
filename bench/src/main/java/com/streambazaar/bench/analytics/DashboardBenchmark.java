package com.streambazaar.bench.analytics;

import com.streambazaar.testkit.KafkaTestBroker;
import com.streambazaar.testkit.PostgresTestDatabase;
import com.streambazaar.testkit.TestJwtKeys;
import com.streambazaar.testkit.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A program, not a test: seeds one session with a million views, and a creator with 1,000 sessions, through the real
 * ingest path, and reports the sustained ingest rate and the dashboards' latency. (Written for analytics-service, moved
 * here with the other benchmarks; {@code com.streambazaar.bench.Bench} runs it as the scenarios "ingest" and
 * "dashboard".)
 *
 * <p>Everything is local and ends with the program: an in-JVM Kafka broker and a fresh database (the test kit's), and
 * analytics-service itself as a child process ({@code target/quarkus-app/quarkus-run.jar}). The events (presence with
 * rejoins, heartbeats of four realtime replicas, chat, reactions, clicks) are written to the topics first, in time
 * order, as realtime-service would have; then the service starts and consumes the backlog: events per second from its
 * first to its last processed event is the sustained ingest rate. Then the session's dashboard and the creator's
 * figures are requested sequentially (after a warm-up) and their p50/p99 reported.
 *
 * <pre>
 * ./mvnw -q -o -pl analytics-service package -DskipTests && ./mvnw -q -o -pl bench package
 * java -Xmx2g -cp 'bench/target/classes:bench/target/lib/*' com.streambazaar.bench.analytics.DashboardBenchmark \
 *     [--smoke] [--views N] [--sessions N] [--requests N] [--keep-db]
 * </pre>
 * {@code BENCH_SERVICE_JAVA_OPTS} adds JVM options to the service (e.g. a JFR recording).
 */
public final class DashboardBenchmark {

    static final long CREATOR = 9001;
    static final String REALTIME = "realtime-service";
    static final Instant T0 = Instant.parse("2026-05-01T18:00:00Z");
    static final long LIVE_MS = Duration.ofHours(3).toMillis();
    static final int REPLICAS = 4;

    /** The topics (bazaar-common's Topics; not a dependency of this module). */
    static final class Topics {
        static final String PRODUCTS = "bazaar.products.v1";
        static final String SESSIONS = "bazaar.sessions.v1";
        static final String PRESENCE = "bazaar.presence.v1";
        static final String CHAT = "bazaar.chat.v1";
        static final String REACTIONS = "bazaar.reactions.v1";
        static final String CLICKS = "bazaar.clicks.v1";

        private Topics() {
        }
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        run(Path.of(System.getProperty("bench.jar", "analytics-service/target/quarkus-app/quarkus-run.jar")),
                intArg(args, "--views", smoke ? 20_000 : 1_000_000), intArg(args, "--sessions", smoke ? 50 : 1_000),
                intArg(args, "--requests", smoke ? 40 : 300), Arrays.asList(args).contains("--keep-db"),
                com.streambazaar.bench.profile.ProfileHook.NONE);
        System.exit(0);
    }

    /** The figures of one run: ingest rate and CPU, and each dashboard's latency (ms). */
    public static Map<String, Object> run(Path jar, int views, int sessions, int requests, boolean keepDatabase,
                                          com.streambazaar.bench.profile.ProfileHook profile) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " not found: run ./mvnw -pl analytics-service package -DskipTests");
        }
        System.out.printf(Locale.ROOT, "seeding %,d views in one session and %,d sessions of one creator%n", views,
                sessions);
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        KafkaTestBroker broker = startBroker();
        PostgresTestDatabase database = null;
        Process service = null;
        try {
            database = PostgresTestDatabase.create();
            UUID big = UUID.randomUUID();
            long seedBegin = System.nanoTime();
            long produced = seed(broker.bootstrapServers(), big, views, sessions);
            long activityEvents = produced;
            System.out.printf(Locale.ROOT, "%,d room events are waiting on the topics%n", activityEvents);
            figures.put("views", views);
            figures.put("sessions", sessions + 1);
            figures.put("events", activityEvents);
            figures.put("seedSeconds", Math.round((System.nanoTime() - seedBegin) / 1e8) / 10.0);

            String jwks = jwksLocation();
            int port = freePort();
            long startBegin = System.nanoTime();
            service = start(jar, database, broker.bootstrapServers(), jwks, port);
            String base = "http://127.0.0.1:" + port;
            waitReady(base, service);
            figures.put("serviceStartSeconds", Math.round((System.nanoTime() - startBegin) / 1e8) / 10.0);

            profile.begin("analytics ingest", List.of(service.pid()));
            Ingest ingest = measureIngest(broker.bootstrapServers(), database, activityEvents, service);
            profile.end("analytics ingest", List.of(service.pid()));
            String owner = TestTokens.creator(CREATOR, "bench");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String dashboard = get(client, base + "/api/sessions/" + big + "/analytics", owner);
            System.out.println("dashboard of the big session: " + summary(dashboard));
            if (profile != com.streambazaar.bench.profile.ProfileHook.NONE) {
                // requests of their own with the profiler attached, so the figures below carry none of its cost
                profile.begin("analytics dashboard", List.of(service.pid()));
                latencies(client, base + "/api/sessions/" + big + "/analytics", owner, Math.max(10, requests / 2));
                profile.end("analytics dashboard", List.of(service.pid()));
            }
            List<Long> session = latencies(client, base + "/api/sessions/" + big + "/analytics", owner, requests);
            List<Long> creator = latencies(client, base + "/api/analytics/creator/" + CREATOR, owner, requests);
            List<Long> history = latencies(client, base + "/api/sessions/" + big + "/analytics/viewers?limit=50",
                    owner, requests);
            System.out.println();
            System.out.printf(Locale.ROOT, "ingest: %,d events in %.1f s = %,.0f events/s sustained "
                            + "(machine load average %.1f meanwhile, %d cores)%n", ingest.events(), ingest.seconds(),
                    ingest.rate(), ingest.loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "ingest CPU: service %.1f s + its Postgres backends %.1f s = %.1f ms per "
                            + "1,000 events; on %d otherwise idle cores that is %,.0f events/s%n", ingest.serviceCpu(),
                    ingest.databaseCpu(), ingest.cpuMsPerThousand(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors() * 1_000_000 / ingest.cpuMsPerThousand());
            report("GET /api/sessions/:sid/analytics (" + String.format(Locale.ROOT, "%,d", views) + " views)", session);
            report("GET /api/analytics/creator/:id (" + String.format(Locale.ROOT, "%,d", sessions + 1)
                    + " sessions)", creator);
            report("GET /api/sessions/:sid/analytics/viewers?limit=50", history);
            figures.put("ingestEvents", ingest.events());
            figures.put("ingestSeconds", Math.round(ingest.seconds() * 10) / 10.0);
            figures.put("ingestEventsPerSecond", Math.round(ingest.rate()));
            figures.put("ingestServiceCpuMicrosPerEvent", Math.round(ingest.serviceCpu() * 1e8 / ingest.events()) / 100.0);
            figures.put("ingestDatabaseCpuMicrosPerEvent", Math.round(ingest.databaseCpu() * 1e8 / ingest.events()) / 100.0);
            figures.put("ingestLoadAverage", Math.round(ingest.loadAverage() * 10) / 10.0);
            figures.put("dashboardRequests", requests);
            figures.put("dashboardP50Ms", r2(percentile(sorted(session), 50)));
            figures.put("dashboardP99Ms", r2(percentile(sorted(session), 99)));
            figures.put("dashboardMaxMs", r2(percentile(sorted(session), 100)));
            figures.put("creatorP50Ms", r2(percentile(sorted(creator), 50)));
            figures.put("creatorP99Ms", r2(percentile(sorted(creator), 99)));
            figures.put("viewersPageP50Ms", r2(percentile(sorted(history), 50)));
            figures.put("viewersPageP99Ms", r2(percentile(sorted(history), 99)));
            figures.put("serviceRssMb", rssMb(service.pid()));
            figures.put("servicePeakRssMb", peakRssMb(service.pid()));
        } finally {
            if (service != null) {
                service.destroy();
                if (!service.waitFor(20, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
            broker.delete();
            if (database != null && keepDatabase) {
                System.out.println("kept database " + database.database() + " (drop it when done)");
            } else if (database != null) {
                database.drop();
            }
        }
        return figures;
    }

    static double r2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static List<Long> sorted(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted;
    }

    static double rssMb(long pid) {
        return Math.round(com.streambazaar.bench.core.Proc.rssMb(pid) * 10) / 10.0;
    }

    static double peakRssMb(long pid) {
        return Math.round(com.streambazaar.bench.core.Proc.peakRssMb(pid) * 10) / 10.0;
    }

    /** The test kit's broker on free ports; another process may take a port between picking and binding it. */
    static KafkaTestBroker startBroker() throws IOException {
        for (int attempt = 1; ; attempt++) {
            KafkaTestBroker broker = new KafkaTestBroker();
            try {
                broker.start();
                return broker;
            } catch (RuntimeException e) {
                broker.delete();
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    // ---- seeding ----

    /** Writes all events to the topics in time order; returns how many room events (for the activity channel). */
    static long seed(String bootstrap, UUID big, int views, int sessions) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long started = System.nanoTime();
        long count = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            Sink sink = (topic, key, value) -> producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
                if (e != null) {
                    failure.set(e);
                }
            });
            List<UUID> products = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            for (int i = 0; i < products.size(); i++) {
                sink.send(Topics.PRODUCTS, products.get(i).toString(), Json.product(products.get(i), "Product " + i));
            }
            sink.send(Topics.SESSIONS, big.toString(), Json.session("session.ended", big, "ended", T0,
                    T0.plusMillis(LIVE_MS), products, T0.plusMillis(LIVE_MS)));
            count += bigSession(sink, big, views, products);
            Random random = new Random(42);
            for (int s = 0; s < sessions; s++) {
                count += smallSession(sink, random, s, products);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        System.out.printf(Locale.ROOT, "produced in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return count;
    }

    interface Sink {
        void send(String topic, String key, String value);
    }

    /**
     * Views of 75% distinct identities (a third of them come back later for a second view); one in ten views has a
     * page refresh inside it (a rejoin within 30 s: one more stay, not one more view). Heartbeats every 5 s from each
     * replica; chat, reactions and clicks sprinkled over the views.
     */
    static long bigSession(Sink sink, UUID session, int views, List<UUID> products) {
        Random random = new Random(7);
        int identities = (int) (views * 0.75);
        int returning = views - identities;
        // stays: [start, end) in ms after T0, identity, view, replica
        int maxStays = views + views / 10 + 1;
        long[] start = new long[maxStays];
        long[] end = new long[maxStays];
        int[] identity = new int[maxStays];
        int stays = 0;
        for (int v = 0; v < views; v++) {
            int who;
            long from;
            long length = (long) Math.min(LIVE_MS / 3.0, -Math.log(1 - random.nextDouble()) * 300_000) + 1_000;
            if (v < returning) {
                // first visit in the first half
                who = v;
                from = (long) (random.nextDouble() * (LIVE_MS / 2 - length - 31_000));
            } else if (v < 2 * returning) {
                // the same identity's second visit, well after the first one ended
                who = v - returning;
                long firstEnd = end[v - returning];
                from = Math.max(firstEnd + 31_000, LIVE_MS / 2) + (long) (random.nextDouble() * LIVE_MS / 4);
                length = Math.min(length, LIVE_MS - from - 1);
            } else {
                who = v - returning;
                from = (long) (random.nextDouble() * (LIVE_MS - length));
            }
            if (random.nextInt(10) == 0 && length > 60_000) {
                // a refresh: leave and come back within 30 s
                long cut = from + length / 2;
                start[stays] = from;
                end[stays] = cut;
                identity[stays++] = who;
                start[stays] = cut + 5_000 + random.nextInt(20_000);
                end[stays] = from + length;
                identity[stays++] = who;
            } else {
                start[stays] = from;
                end[stays] = from + length;
                identity[stays++] = who;
            }
        }
        // everything else
        int chats = views / 20;
        int reactions = views / 10;
        int clicks = views / 20;
        int beats = (int) (LIVE_MS / 5_000) * REPLICAS;
        // one sortable key per event: time (ms) in the high bits, what it is in the low 23 bits
        int codes = 2 * stays + chats + reactions + clicks + beats;
        if (codes >= (1 << 23)) {
            throw new IllegalArgumentException("too many events for one run: " + codes);
        }
        long[] keys = new long[codes];
        int k = 0;
        for (int s = 0; s < stays; s++) {
            keys[k++] = (start[s] << 23) | (2L * s);
            keys[k++] = (end[s] << 23) | (2L * s + 1);
        }
        int chatBase = 2 * stays;
        int reactionBase = chatBase + chats;
        int clickBase = reactionBase + reactions;
        int beatBase = clickBase + clicks;
        int[] actor = new int[chats + reactions + clicks];
        for (int i = 0; i < chats + reactions + clicks; i++) {
            int s = random.nextInt(stays);
            actor[i] = s;
            long at = start[s] + (long) (random.nextDouble() * (end[s] - start[s]));
            keys[k++] = (at << 23) | (chatBase + i);
        }
        for (int b = 0; b < beats; b++) {
            long at = (long) (b / REPLICAS) * 5_000 + 2_500;
            keys[k++] = (at << 23) | (beatBase + b);
        }
        Arrays.sort(keys);
        String sessionKey = session.toString();
        String[] reactionTypes = {"like", "love", "heart", "fire", "clap", "wow", "laugh"};
        for (long key : keys) {
            long at = key >>> 23;
            int code = (int) (key & ((1 << 23) - 1));
            Instant instant = T0.plusMillis(at);
            String value;
            if (code < chatBase) {
                int s = code / 2;
                String viewer = viewer(identity[s]);
                String replica = "bench-rt-" + (identity[s] % REPLICAS);
                UUID stay = new UUID(0xB0B0L, s);
                value = Json.presence(code % 2 == 0 ? "viewer.joined" : "viewer.left", session, stay, viewer, replica,
                        instant);
                sink.send(Topics.PRESENCE, sessionKey, value);
            } else if (code < beatBase) {
                int i = code - chatBase;
                String viewer = viewer(identity[actor[i]]);
                if (code < reactionBase) {
                    sink.send(Topics.CHAT, sessionKey, Json.chat(session, UUID.randomUUID(), viewer, instant));
                } else if (code < clickBase) {
                    sink.send(Topics.REACTIONS, sessionKey,
                            Json.reaction(session, reactionTypes[i % reactionTypes.length], viewer, instant));
                } else {
                    sink.send(Topics.CLICKS, sessionKey,
                            Json.click(session, products.get(i % products.size()), viewer, instant));
                }
            } else {
                int b = code - beatBase;
                sink.send(Topics.PRESENCE, sessionKey, Json.heartbeat(session, "bench-rt-" + (b % REPLICAS), 100,
                        instant));
            }
        }
        return codes;
    }

    /** One of the creator's other sessions: 20 views, a few reactions and clicks. */
    static long smallSession(Sink sink, Random random, int index, List<UUID> products) {
        UUID session = UUID.randomUUID();
        Instant start = T0.minus(Duration.ofDays(1 + index));
        Instant end = start.plus(Duration.ofHours(1));
        sink.send(Topics.SESSIONS, session.toString(), Json.session("session.ended", session, "ended", start, end,
                products.subList(0, 3), end));
        long count = 0;
        for (int v = 0; v < 20; v++) {
            UUID stay = UUID.randomUUID();
            String viewer = viewer(random.nextInt(5_000));
            Instant join = start.plusSeconds(random.nextInt(3000));
            sink.send(Topics.PRESENCE, session.toString(), Json.presence("viewer.joined", session, stay, viewer,
                    "bench-rt-0", join));
            sink.send(Topics.PRESENCE, session.toString(), Json.presence("viewer.left", session, stay, viewer,
                    "bench-rt-0", join.plusSeconds(30 + random.nextInt(500))));
            count += 2;
        }
        for (int r = 0; r < 5; r++) {
            sink.send(Topics.REACTIONS, session.toString(), Json.reaction(session, "heart", viewer(r), start.plusSeconds(r)));
            sink.send(Topics.CLICKS, session.toString(), Json.click(session, products.get(r % 3), viewer(r),
                    start.plusSeconds(r)));
            count += 2;
        }
        return count;
    }

    static String viewer(int identity) {
        return identity % 3 == 0 ? "user:" + (100_000 + identity) : "device:bench-" + identity;
    }

    // ---- the service ----

    static Process start(Path jar, PostgresTestDatabase database, String bootstrap, String jwks, int port)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-XX:+UseParallelGC",
                "-Dvertx.disableURIValidation=true"));
        String extra = System.getenv("BENCH_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("BAZAAR_DB_HOST", database.host());
        env.put("BAZAAR_DB_PORT", String.valueOf(database.port()));
        env.put("BAZAAR_DB_NAME", database.database());
        env.put("BAZAAR_DB_USER", database.user());
        database.password().ifPresent(p -> env.put("BAZAAR_DB_PASSWORD", p));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwks);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        // applied offsets are committed every second (not every 5): they are the ingest measurement's progress
        env.put("MP_MESSAGING_INCOMING_ACTIVITY_AUTO_COMMIT_INTERVAL_MS", "1000");
        File log = Files.createTempFile("analytics-bench-", ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        System.out.println("analytics-service log: " + log);
        return builder.start();
    }

    static void waitReady(String base, Process service) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("analytics-service exited with " + service.exitValue());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("analytics-service did not get ready within 90 s");
    }

    /** What the ingest measurement found. */
    record Ingest(long events, double seconds, double serviceCpu, double databaseCpu, double loadAverage) {
        double rate() {
            return events / seconds;
        }

        /** CPU milliseconds (service + its database backends) per 1,000 events. */
        double cpuMsPerThousand() {
            return (serviceCpu + databaseCpu) * 1000 / events * 1000;
        }
    }

    /** The service's consumer group of room activity (its {@code activity} channel) and the topics it reads. */
    static final String ACTIVITY_GROUP = "analytics-service.activity";
    static final List<String> ACTIVITY_TOPICS = List.of(Topics.PRESENCE, Topics.CHAT, Topics.REACTIONS, Topics.CLICKS);

    /**
     * Events per second between the first and the last processed room event, with the CPU it took. Progress is the
     * offsets the service committed on the activity topics (it commits what it has applied, every second in this
     * run): the service records only some events by id, so counting those rows would not count every event.
     */
    static Ingest measureIngest(String bootstrap, PostgresTestDatabase database, long expected, Process service)
            throws Exception {
        long firstAt = 0;
        long firstCount = 0;
        double[] firstCpu = null;
        double loadSum = 0;
        int loadSamples = 0;
        long last = -1;
        long lastChange = System.nanoTime();
        try (Connection connection = database.connect();
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                     Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("analytics-service exited with " + service.exitValue());
                }
                long now = System.nanoTime();
                long done = committed(admin);
                if (done > 0 && firstAt == 0) {
                    firstAt = now;
                    firstCount = done;
                    firstCpu = cpu(service, connection, database.database());
                }
                if (firstAt != 0) {
                    loadSum += loadAverage();
                    loadSamples++;
                }
                if (done != last) {
                    if (last >= 0 && firstAt != 0) {
                        System.out.printf(Locale.ROOT, "  %,d / %,d events (%.0f/s so far)%n", done, expected,
                                (done - firstCount) / ((now - firstAt) / 1e9));
                    }
                    last = done;
                    lastChange = now;
                }
                if (done >= expected) {
                    double[] lastCpu = cpu(service, connection, database.database());
                    return new Ingest(done - firstCount, (now - firstAt) / 1e9, lastCpu[0] - firstCpu[0],
                            lastCpu[1] - firstCpu[1], loadSum / Math.max(1, loadSamples));
                }
                if (now - lastChange > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("ingest stalled at " + done + " of " + expected + " events");
                }
                Thread.sleep(done > 0 ? 1000 : 250);
            }
        }
    }

    /** Records of the activity topics the service has committed (0 before its first commit). */
    static long committed(org.apache.kafka.clients.admin.Admin admin) throws Exception {
        long sum = 0;
        for (var entry : admin.listConsumerGroupOffsets(ACTIVITY_GROUP).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).entrySet()) {
            if (entry.getValue() != null && ACTIVITY_TOPICS.contains(entry.getKey().topic())) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }

    /** CPU seconds (user + system) a process has used, from /proc (Linux). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of the service and of the database backends serving it. */
    static double[] cpu(Process service, Connection connection, String database) throws java.sql.SQLException {
        double backends = 0;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select pid from pg_stat_activity where datname = '" + database + "' and pid <> pg_backend_pid()")) {
            while (rows.next()) {
                backends += cpuSeconds(rows.getLong(1));
            }
        }
        return new double[]{cpuSeconds(service.pid()), backends};
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static List<Long> latencies(HttpClient client, String url, String token, int requests) throws Exception {
        for (int i = 0; i < Math.max(5, requests / 10); i++) {
            get(client, url, token);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            get(client, url, token);
            times.add(System.nanoTime() - t0);
        }
        return times;
    }

    static String get(HttpClient client, String url, String token) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
    }

    static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    static String summary(String json) {
        int viewers = json.indexOf("\"viewers\":{");
        int end = json.indexOf('}', viewers);
        return viewers < 0 ? json.substring(0, Math.min(300, json.length())) : json.substring(viewers, end + 1);
    }

    /** The test kit's JWT keys (a JWKS file the service verifies against), so the benchmark signs the token. */
    static String jwksLocation() throws IOException {
        return TestJwtKeys.generate().jwksLocation();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    private DashboardBenchmark() {
    }

    /** Event envelopes as the producing services write them (the contracts of docs/events). */
    static final class Json {
        private Json() {
        }

        static String envelope(String type, String source, String key, Instant occurredAt, String data) {
            return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"version\":1,\"occurredAt\":\""
                    + occurredAt + "\",\"source\":\"" + source + "\",\"key\":\"" + key + "\",\"data\":" + data + "}";
        }

        static String presence(String type, UUID session, UUID stay, String viewer, String replica, Instant at) {
            String userId = viewer.startsWith("user:") ? viewer.substring(5) : "null";
            String username = viewer.startsWith("user:") ? "\"u" + userId + "\"" : "null";
            String device = viewer.startsWith("device:") ? "\"" + viewer.substring(7) + "\"" : "null";
            String reason = type.equals("viewer.left") ? "\"leave\"" : "null";
            return envelope(type, REALTIME, session.toString(), at, "{\"sessionId\":\"" + session + "\",\"viewId\":\""
                    + stay + "\",\"viewerId\":\"" + viewer + "\",\"userId\":" + userId + ",\"username\":" + username
                    + ",\"deviceId\":" + device + ",\"connectionId\":\"c-" + stay + "\",\"replicaId\":\"" + replica
                    + "\",\"protocol\":\"ws\",\"at\":\"" + at + "\",\"reason\":" + reason + "}");
        }

        static String heartbeat(UUID session, String replica, int viewers, Instant at) {
            return envelope("room.heartbeat", REALTIME, session.toString(), at, "{\"sessionId\":\"" + session
                    + "\",\"replicaId\":\"" + replica + "\",\"viewers\":" + viewers + ",\"at\":\"" + at + "\"}");
        }

        static String chat(UUID session, UUID message, String viewer, Instant at) {
            String userId = viewer.startsWith("user:") ? viewer.substring(5) : "null";
            return envelope("chat.message-posted", REALTIME, session.toString(), at, "{\"messageId\":\"" + message
                    + "\",\"sessionId\":\"" + session + "\",\"userId\":" + userId + ",\"username\":null,"
                    + "\"guestName\":null,\"viewerId\":\"" + viewer + "\",\"message\":\"great\",\"at\":\"" + at + "\"}");
        }

        static String reaction(UUID session, String type, String viewer, Instant at) {
            String userId = viewer.startsWith("user:") ? viewer.substring(5) : "null";
            return envelope("reaction.sent", REALTIME, session.toString(), at, "{\"sessionId\":\"" + session
                    + "\",\"type\":\"" + type + "\",\"userId\":" + userId + ",\"viewerId\":\"" + viewer
                    + "\",\"at\":\"" + at + "\"}");
        }

        static String click(UUID session, UUID product, String viewer, Instant at) {
            String userId = viewer.startsWith("user:") ? viewer.substring(5) : "null";
            return envelope("product.clicked", REALTIME, session.toString(), at, "{\"sessionId\":\"" + session
                    + "\",\"productId\":\"" + product + "\",\"userId\":" + userId + ",\"viewerId\":\"" + viewer
                    + "\",\"at\":\"" + at + "\"}");
        }

        static String session(String type, UUID id, String status, Instant startedAt, Instant endedAt,
                              List<UUID> products, Instant updatedAt) {
            StringBuilder ids = new StringBuilder();
            for (UUID product : products) {
                ids.append(ids.length() == 0 ? "" : ",").append('"').append(product).append('"');
            }
            return envelope(type, "session-service", id.toString(), updatedAt, "{\"id\":\"" + id
                    + "\",\"title\":\"Bench\",\"description\":null,\"category\":null,\"tags\":[],\"status\":\"" + status
                    + "\",\"agoraChannelName\":\"bench\",\"scheduledAt\":null,\"startedAt\":\"" + startedAt
                    + "\",\"endedAt\":\"" + endedAt + "\",\"creatorId\":" + CREATOR + ",\"creatorUsername\":\"bench\","
                    + "\"activeProductId\":null,\"activeProduct\":null,\"productIds\":[" + ids + "],\"createdAt\":\""
                    + startedAt + "\",\"updatedAt\":\"" + updatedAt + "\",\"featuredProductIds\":[]}");
        }

        static String product(UUID id, String name) {
            return envelope("product.updated", "catalog-service", id.toString(), T0, "{\"id\":\"" + id
                    + "\",\"name\":\"" + name + "\",\"description\":null,\"price\":9.90,\"originalPrice\":null,"
                    + "\"category\":null,\"inStock\":true,\"stock\":null,\"imageUrl\":null,\"sellerId\":" + CREATOR
                    + ",\"createdAt\":\"" + T0 + "\",\"updatedAt\":\"" + T0 + "\"}");
        }
    }
}
