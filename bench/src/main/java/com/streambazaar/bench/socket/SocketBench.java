package com.streambazaar.bench.socket;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Socket load generator for realtime-service (a program, not a test):
 * <ul>
 *   <li>chat fan-out: a room of N viewers, M chat messages per second (M senders at 1 message/s each, as the per-user
 *   limit allows), per protocol: deliveries/s, send-to-receive p50/p99, messages lost, server CPU µs per delivery;</li>
 *   <li>join storm: V viewers join at once: time until all are seated, until viewer-count says V, until V
 *   viewer.joined events are on Kafka;</li>
 *   <li>reaction storm: V viewers, R reactions per second: frames/s out, p99 frame delay, how far the published
 *   reaction.sent events lag behind.</li>
 * </ul>
 * Run {@code --smoke} for a short check of every scenario; see bench/README.md for the commands and options.
 */
public final class SocketBench {

    private final Map<String, String> options;
    private final boolean smoke;
    private final boolean ownTarget;
    private BenchTarget target;
    private Vertx vertx;
    private WebSocketClient wsClient;
    private final List<Map<String, Object>> results = new ArrayList<>();
    private java.util.function.Consumer<Map<String, Object>> sink = result -> { };
    private BenchTarget twoReplicas;
    private RealClients.Factory observers;
    private com.streambazaar.bench.profile.ProfileHook profile = com.streambazaar.bench.profile.ProfileHook.NONE;

    private SocketBench(Map<String, String> options) {
        this.options = options;
        this.smoke = options.containsKey("smoke");
        this.ownTarget = true;
    }

    /**
     * For the benchmark runner: scenarios against a stack's realtime replica(s). {@code twoReplicas} (may be null)
     * spreads the clients over two replicas for the cross-replica fan-out; {@code observers} (may be null) adds real
     * socket.io-client viewers to one fan-out room.
     */
    public SocketBench(Map<String, String> options, BenchTarget target, BenchTarget twoReplicas,
                       RealClients.Factory observers, java.util.function.Consumer<Map<String, Object>> sink) {
        this.options = options;
        this.smoke = options.containsKey("smoke");
        this.ownTarget = false;
        this.target = target;
        this.twoReplicas = twoReplicas;
        this.observers = observers;
        this.sink = sink;
    }

    /** Profiles the service during the first fan-out room's measured window. */
    public void profileFirstWindow(com.streambazaar.bench.profile.ProfileHook hook) {
        this.profile = hook;
    }

    /** Runs the chosen scenarios; their results, in order. */
    public List<Map<String, Object>> runScenarios() throws Exception {
        try {
            run();
            return List.copyOf(results);
        } finally {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                vertx = null;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + " (see bench/README.md)");
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        SocketBench bench = new SocketBench(options);
        int exit = 0;
        try {
            exit = bench.run();
        } finally {
            bench.shutdown();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Integer.parseInt(options.getOrDefault("client-threads", "2"))));
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(20_000)
                .setConnectTimeout(20_000).setMaxFrameSize(1_000_000).setMaxMessageSize(1_000_000)
                .setTryUsePerMessageCompression(false));
        if (target != null) {
            // given by the runner
        } else if (options.containsKey("url")) {
            target = BenchTarget.external(options.get("url"), options.getOrDefault("kafka", "127.0.0.1:9092"),
                    Long.parseLong(options.getOrDefault("pid", "-1")));
        } else {
            target = BenchTarget.selfHosted(Path.of(options.getOrDefault("jar", "realtime-service/target/quarkus-app/quarkus-run.jar")),
                    // the launcher's JVM options for every service (LauncherSettings), so the figures are the shipped configuration's
                    options.getOrDefault("server-opts", "-Xmx256m -XX:+UseSerialGC"));
        }
        List<String> scenarios = List.of(options.getOrDefault("scenarios", "fanout,join,reactions").split(","));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", smoke ? "3" : "20"));
        if (scenarios.contains("fanout")) {
            List<Integer> rooms = smoke ? List.of(50) : ints(options.getOrDefault("rooms", "1000,2000"));
            List<Integer> rates = smoke ? List.of(20) : ints(options.getOrDefault("rates", "50,100"));
            boolean observed = false;
            List<Map<String, Object>> grid = new ArrayList<>();
            for (BenchClient.Protocol protocol : protocols()) {
                // the real socket.io-client viewers join the first Socket.IO room (they speak Socket.IO)
                boolean withObservers = observers != null && !observed && protocol == BenchClient.Protocol.SOCKET_IO;
                observed |= withObservers;
                grid.addAll(fanoutGrid(target, protocol, rooms, rates, seconds, withObservers));
            }
            printGrid(grid);
        }
        if (scenarios.contains("fanout2") && twoReplicas != null) {
            int room = smoke ? 50 : Integer.parseInt(options.getOrDefault("replica-room", "2000"));
            int rate = smoke ? 20 : Integer.parseInt(options.getOrDefault("replica-rate", "100"));
            fanout(twoReplicas, "chat-fanout-two-replicas", BenchClient.Protocol.SOCKET_IO, room, rate, seconds, false);
        }
        if (scenarios.contains("saturation")) {
            saturation(BenchClient.Protocol.SOCKET_IO, smoke ? 50 : Integer.parseInt(options.getOrDefault("saturation-room", "2000")),
                    smoke ? List.of(20, 40) : ints(options.getOrDefault("saturation-rates", "10,20,35,50,75,100")),
                    smoke ? 1 : Integer.parseInt(options.getOrDefault("saturation-seconds", "8")));
        }
        if (scenarios.contains("join")) {
            joinStorm("ws".equals(options.get("join-protocol")) ? BenchClient.Protocol.WS : BenchClient.Protocol.SOCKET_IO, smoke ? 200 : Integer.parseInt(options.getOrDefault("join-viewers", "5000")));
        }
        if (scenarios.contains("reactions")) {
            reactionStorm(BenchClient.Protocol.SOCKET_IO, smoke ? 100 : Integer.parseInt(options.getOrDefault("reaction-viewers", "2000")),
                    smoke ? 200 : Integer.parseInt(options.getOrDefault("reaction-rate", "2000")), smoke ? 2 : Math.min(seconds, 15));
        }
        if (ownTarget) {
            System.out.println();
            System.out.println("RESULTS (JSON lines)");
            for (Map<String, Object> result : results) {
                System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
            }
        }
        return 0;
    }

    private List<BenchClient.Protocol> protocols() {
        String chosen = options.getOrDefault("protocols", "socket.io,ws");
        List<BenchClient.Protocol> list = new ArrayList<>();
        if (chosen.contains("socket.io")) {
            list.add(BenchClient.Protocol.SOCKET_IO);
        }
        if (chosen.contains("ws")) {
            list.add(BenchClient.Protocol.WS);
        }
        return list;
    }

    private static List<Integer> ints(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }

    // ------------------------------------------------------------------ chat fan-out

    /**
     * A connected room of viewers that measured windows run in: each window sends chat messages at a rate and counts
     * the deliveries of the messages sent inside it (their text carries the send time: nanoTime for the Vert.x
     * clients, epoch microseconds for the real socket.io-client ones).
     */
    private final class FanoutRoom {
        final BenchTarget on;
        final BenchClient.Protocol protocol;
        UUID session;
        /** Join answers of clients that joined a further room (see {@link #grow}). */
        final AtomicInteger rejoined = new AtomicInteger();
        final java.util.function.BiConsumer<BenchClient, String> listener;
        final Recorder latency = new Recorder(3);
        final AtomicLong deliveries = new AtomicLong();
        /** Chat frames received while the window was open, whenever sent: the delivery rate the server sustained. */
        final AtomicLong framesInWindow = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong windowStartNanos = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong windowEndNanos = new AtomicLong(Long.MAX_VALUE);
        /** When the last chat frame of any window arrived (nanoTime): a saturated window leaves a backlog behind. */
        final AtomicLong lastFrameNanos = new AtomicLong();
        List<BenchClient> clients;

        FanoutRoom(BenchTarget on, BenchClient.Protocol protocol, int viewers) throws Exception {
            this.on = on;
            this.protocol = protocol;
            this.session = on.liveSession(1);
            String messageKey = "\"message\":\"b";
            listener = (client, text) -> {
                if (BenchClient.isAck(client.protocol, text)) {
                    rejoined.incrementAndGet();
                } else if (BenchClient.isEvent(client.protocol, text, "new-message")) {
                    long now = System.nanoTime();
                    lastFrameNanos.set(now);
                    if (now >= windowStartNanos.get() && now < windowEndNanos.get()) {
                        framesInWindow.incrementAndGet();
                    }
                    long sentAt = BenchClient.longAfter(text, messageKey);
                    if (sentAt > 0 && sentAt >= windowStartNanos.get() && sentAt < windowEndNanos.get()) {
                        deliveries.incrementAndGet();
                        latency.recordValue(Math.max(0, System.nanoTime() - sentAt) / 1000);
                    }
                } else if (BenchClient.isEvent(client.protocol, text, "error")) {
                    if (errors.incrementAndGet() <= 3) {
                        System.err.println("refused: " + text);
                    }
                }
            };
            clients = connectAll(on, protocol, viewers, session, 300, listener);
        }

        /**
         * A larger room without a second connection setup: a new session that the connected viewers join as well (a
         * connection may be in several rooms; the old one stays quiet), plus new viewers for the difference.
         */
        void grow(int viewers) throws Exception {
            UUID next = on.liveSession(1);
            rejoined.set(0);
            List<BenchClient> old = new ArrayList<>(clients);
            for (BenchClient client : old) {
                vertx.runOnContext(v -> client.join(next, 2));
            }
            List<BenchClient> all = new ArrayList<>(old);
            if (viewers > old.size()) {
                all.addAll(connectAll(on, protocol, viewers - old.size(), next, 300, listener));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rejoined.get() < old.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (rejoined.get() < old.size()) {
                System.err.printf("only %d of %d viewers joined the larger room%n", rejoined.get(), old.size());
            }
            session = next;
            clients = all;
        }

        /** Sends {@code rate} messages/s for a warm-up and the measured window; the window's figures. */
        Map<String, Object> window(String scenario, int rate, int seconds, RealClients observers) throws Exception {
            int viewers = clients.size();
            // the previous window's backlog first (a saturated server is still sending it): no window starts on it
            long quietDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(smoke ? 5 : 60);
            while (System.nanoTime() - lastFrameNanos.get() < 1_000_000_000L && System.nanoTime() < quietDeadline) {
                Thread.sleep(100);
            }
            deliveries.set(0);
            framesInWindow.set(0);
            windowStartNanos.set(Long.MAX_VALUE);
            windowEndNanos.set(Long.MAX_VALUE);
            List<BenchClient> senders = clients.subList(0, Math.min(rate, clients.size()));
            AtomicLong sentInWindow = new AtomicLong();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            String prefix = "{\"sessionId\":\"" + session + "\",\"message\":\"b";
            // every 10 ms, rate/100 messages (carried over as a fraction), round-robin over the senders
            double perTick = rate / 100.0;
            double[] carry = {0};
            long timer = vertx.setPeriodic(10, id -> {
                if (!sending.get()) {
                    return;
                }
                carry[0] += perTick;
                while (carry[0] >= 1) {
                    carry[0] -= 1;
                    BenchClient sender = senders.get(Math.floorMod(next.getAndIncrement(), senders.size()));
                    long now = System.nanoTime();
                    java.time.Instant wall = java.time.Instant.now();
                    long wallMicros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000;
                    sender.send("send-message", prefix + now + "w" + wallMicros + "\"}", -1);
                    if (now >= windowStartNanos.get() && now < windowEndNanos.get()) {
                        sentInWindow.incrementAndGet();
                    }
                }
            });
            System.out.println("window starts: " + protocol.label + " " + viewers + "x" + rate);
            Thread.sleep(smoke ? 500 : 3000);
            // the measured window
            errors.set(0);
            long cpuStart = on.cpuMicros();
            long ownCpuStart = ownCpuMicros();
            long start = System.nanoTime();
            java.time.Instant wallStart = java.time.Instant.now();
            windowStartNanos.set(start);
            latency.reset();
            com.streambazaar.bench.profile.ProfileHook hook = profile;
            profile = com.streambazaar.bench.profile.ProfileHook.NONE;
            hook.begin("chat fan-out " + protocol.label + " " + viewers + "x" + rate, on.pids);
            Thread.sleep(seconds * 1000L);
            hook.end("chat fan-out " + protocol.label + " " + viewers + "x" + rate, on.pids);
            long end = System.nanoTime();
            java.time.Instant wallEnd = java.time.Instant.now();
            windowEndNanos.set(end);
            Thread.sleep(500);
            sending.set(false);
            vertx.cancelTimer(timer);
            // what has not arrived 10 s after the window counts as lost (a saturated server delivers it later, if at all)
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(smoke ? 3 : 10);
            long expected = (sentInWindow.get() - errors.get()) * (long) viewers;
            while (deliveries.get() < expected && System.nanoTime() < drainUntil) {
                Thread.sleep(50);
            }
            long cpuEnd = on.cpuMicros();
            long ownCpuEnd = ownCpuMicros();
            Histogram histogram = latency.getIntervalHistogram();
            double windowSeconds = (end - start) / 1e9;
            long delivered = deliveries.get();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", scenario);
            result.put("protocol", protocol.label);
            result.put("replicas", on.endpoints.size());
            result.put("viewers", viewers);
            result.put("messagesPerSecond", rate);
            result.put("seconds", Math.round(windowSeconds * 10) / 10.0);
            result.put("messagesSent", sentInWindow.get());
            result.put("refused", errors.get());
            result.put("deliveries", delivered);
            // frames that arrived inside the window (a saturated server delivers earlier messages then, and the
            // window's own ones after it: counting those would overstate what it sustains)
            result.put("deliveriesPerSecond", Math.round(framesInWindow.get() / windowSeconds));
            result.put("lost", Math.max(0, expected - delivered));
            result.put("p50Ms", histogram.getValueAtPercentile(50) / 1000.0);
            result.put("p99Ms", histogram.getValueAtPercentile(99) / 1000.0);
            result.put("maxMs", histogram.getMaxValue() / 1000.0);
            result.put("serverCpuMicrosPerDelivery", cpuStart < 0 || delivered == 0 ? null
                    : Math.round((cpuEnd - cpuStart) * 100.0 / delivered) / 100.0);
            result.put("generatorCpuMicrosPerDelivery", delivered == 0 ? null
                    : Math.round((ownCpuEnd - ownCpuStart) * 100.0 / delivered) / 100.0);
            result.put("machineLoadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (observers != null) {
                Map<String, Object> seen = observers.report(wallStart, wallEnd, sentInWindow.get() - errors.get());
                seen.forEach((key, value) -> result.put("socketIoClient" + Character.toUpperCase(key.charAt(0))
                        + key.substring(1), value));
            }
            return result;
        }

        void close() throws InterruptedException {
            closeAll(clients);
        }
    }

    private void fanout(BenchTarget on, String scenario, BenchClient.Protocol protocol, int viewers, int rate,
                        int seconds, boolean withObservers) throws Exception {
        FanoutRoom room = new FanoutRoom(on, protocol, viewers);
        RealClients real = null;
        try {
            if (withObservers) {
                real = observers.join(room.session);
            }
            Thread.sleep(smoke ? 200 : 1000);
            if (profile != com.streambazaar.bench.profile.ProfileHook.NONE) {
                // a window of its own with the profiler attached (it takes the hook), so no figure carries its cost
                room.window(scenario + "-profiled", rate, seconds, null);
            }
            report(room.window(scenario, rate, seconds, real));
        } finally {
            if (real != null) {
                real.close();
            }
            room.close();
        }
    }

    /**
     * The grid for one protocol: rooms of each size (ascending) × each rate, one measured window each. The
     * connections are set up once: the next room size is a new session that the connected viewers join too, plus
     * the missing viewers.
     */
    private List<Map<String, Object>> fanoutGrid(BenchTarget on, BenchClient.Protocol protocol, List<Integer> sizes,
                                                 List<Integer> rates, int seconds, boolean withObservers) throws Exception {
        List<Integer> ascending = new ArrayList<>(sizes);
        ascending.sort(null);
        List<Map<String, Object>> rows = new ArrayList<>();
        FanoutRoom room = null;
        RealClients real = null;
        try {
            for (int size : ascending) {
                if (room == null) {
                    room = new FanoutRoom(on, protocol, size);
                } else {
                    room.grow(size);
                }
                if (withObservers && real == null) {
                    real = observers.join(room.session);
                }
                Thread.sleep(smoke ? 200 : 1000);
                int warmup = smoke || rows.size() > 0 ? 0 : Integer.parseInt(options.getOrDefault("fanout-warmup", "5"));
                if (warmup > 0) {
                    // unmeasured: a fresh server spent ~30 % of its CPU in the JIT compiler during the first window
                    room.window("chat-fanout-warm-up", rates.get(0), warmup, null);
                }
                if (profile != com.streambazaar.bench.profile.ProfileHook.NONE) {
                    // a window of its own with the profiler attached (it takes the hook), so no figure carries its cost
                    room.window("chat-fanout-profiled", rates.get(rates.size() - 1), seconds, null);
                }
                for (int rate : rates) {
                    Map<String, Object> row = room.window("chat-fanout", rate, seconds, real);
                    report(row);
                    rows.add(row);
                }
                if (real != null) {
                    real.close(); // they saw the first room's windows
                    real = null;
                    withObservers = false;
                }
            }
        } finally {
            if (real != null) {
                real.close();
            }
            if (room != null) {
                room.close();
            }
        }
        return rows;
    }

    private void printGrid(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("chat fan-out grid (one replica; p50/p99 send-to-receive; CPU per delivery)");
        System.out.printf("%-10s %8s %6s %14s %9s %9s %12s %12s %8s%n", "protocol", "viewers", "msg/s", "deliveries/s",
                "p50 ms", "p99 ms", "server µs", "generator µs", "lost");
        for (Map<String, Object> row : rows) {
            System.out.printf("%-10s %8s %6s %14s %9s %9s %12s %12s %8s%n", row.get("protocol"), row.get("viewers"),
                    row.get("messagesPerSecond"), row.get("deliveriesPerSecond"), row.get("p50Ms"), row.get("p99Ms"),
                    row.get("serverCpuMicrosPerDelivery"), row.get("generatorCpuMicrosPerDelivery"), row.get("lost"));
        }
        System.out.println();
    }

    /** One room, rising rates: the highest deliveries/s whose p99 stays within the limit (100 ms) without losses. */
    private void saturation(BenchClient.Protocol protocol, int viewers, List<Integer> rates, int seconds) throws Exception {
        // the bar: p99 ≤ 100 ms without losses
        double p99LimitMs = Double.parseDouble(options.getOrDefault("saturation-p99-ms", "100"));
        FanoutRoom room = new FanoutRoom(target, protocol, viewers);
        Map<String, Object> best = null;
        List<Map<String, Object>> steps = new ArrayList<>();
        try {
            Thread.sleep(smoke ? 200 : 1000);
            for (int rate : rates) {
                if (rate > room.clients.size()) {
                    break; // one message per second per sender at most
                }
                Map<String, Object> step = room.window("chat-fanout-saturation-step", rate, seconds, null);
                report(step);
                steps.add(step);
                boolean held = (double) step.get("p99Ms") <= p99LimitMs && (long) step.get("lost") == 0;
                if (!held) {
                    break;
                }
                best = step;
                Thread.sleep(smoke ? 200 : 1000);
            }
        } finally {
            room.close();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "chat-fanout-saturation");
        result.put("protocol", protocol.label);
        result.put("viewers", room.clients.size());
        result.put("highestSustainedDeliveriesPerSecond", best == null ? null : best.get("deliveriesPerSecond"));
        result.put("atMessagesPerSecond", best == null ? null : best.get("messagesPerSecond"));
        result.put("p99MsThere", best == null ? null : best.get("p99Ms"));
        result.put("serverCpuMicrosPerDeliveryThere", best == null ? null : best.get("serverCpuMicrosPerDelivery"));
        result.put("stepsTried", steps.size());
        report(result);
    }

    private static long ownCpuMicros() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1000 : -1;
    }

    // ------------------------------------------------------------------ join storm

    private void joinStorm(BenchClient.Protocol protocol, int viewers) throws Exception {
        int warmup = smoke ? 0 : Integer.parseInt(options.getOrDefault("join-warmup", "0"));
        if (warmup > 0) {
            // a throwaway storm first, so the measured one meets compiled code (as a replica that has been up a while
            // does) rather than the JIT compiler, which took ~40 % of a fresh server's CPU during the storm
            UUID warm = target.liveSession(1);
            closeAll(connectAll(target, protocol, warmup, warm, 500, (client, text) -> { }));
        }
        UUID session = target.liveSession(1);
        AtomicInteger lastCount = new AtomicInteger(-1);
        AtomicLong countRightAt = new AtomicLong();
        KafkaViews views = new KafkaViews(target.kafka, "bazaar.presence.v1", session.toString(), "\"viewer.joined\"");
        System.out.println("join storm: " + viewers + " viewers joining now");
        long start = System.nanoTime();
        AtomicInteger watcherIndex = new AtomicInteger(0);
        List<BenchClient> clients = connectAll(target, protocol, viewers, session, 500, (client, text) -> {
            if (client.index == watcherIndex.get() && BenchClient.isEvent(client.protocol, text, "viewer-count")) {
                int count = BenchClient.viewerCount(client.protocol, text);
                lastCount.set(count);
                if (count == viewers) {
                    countRightAt.compareAndSet(0, System.nanoTime());
                }
            }
        });
        long seated = System.nanoTime();
        Histogram open = new Histogram(3);
        Histogram ready = new Histogram(3);
        for (BenchClient client : clients) {
            open.recordValue(Math.max(0, client.openedAt - client.startedAt) / 1000);
            ready.recordValue(Math.max(0, client.readyAt - client.openedAt) / 1000);
        }
        System.out.printf("join storm split: connect→open p50 %.1f ms p99 %.1f ms; open→ready p50 %.1f ms p99 %.1f ms%n",
                open.getValueAtPercentile(50) / 1000.0, open.getValueAtPercentile(99) / 1000.0,
                ready.getValueAtPercentile(50) / 1000.0, ready.getValueAtPercentile(99) / 1000.0);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((countRightAt.get() == 0 || views.count() < viewers) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "join-storm");
        result.put("protocol", protocol.label);
        result.put("viewers", viewers);
        result.put("allSeatedSeconds", round((seated - start) / 1e9));
        result.put("viewerCountRightSeconds", countRightAt.get() == 0 ? null : round((countRightAt.get() - start) / 1e9));
        result.put("lastViewerCount", lastCount.get());
        result.put("viewsPublished", views.count());
        result.put("viewsPublishedSeconds", views.reachedAt(viewers) == 0 ? null : round((views.reachedAt(viewers) - start) / 1e9));
        report(result);
        views.close();
        closeAll(clients);
    }

    // ------------------------------------------------------------------ reaction storm

    private void reactionStorm(BenchClient.Protocol protocol, int viewers, int rate, int seconds) throws Exception {
        UUID session = target.liveSession(1);
        AtomicLong frames = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong probeCount = new AtomicLong();
        Recorder delay = new Recorder(3);
        AtomicBoolean measuring = new AtomicBoolean(false);
        KafkaViews published = new KafkaViews(target.kafka, "bazaar.reactions.v1", session.toString(), "\"reaction.sent\"");
        List<BenchClient> clients = connectAll(target, protocol, viewers, session, 300, (client, text) -> {
            boolean reaction = BenchClient.isEvent(client.protocol, text, "new-reaction");
            if (reaction || BenchClient.isEvent(client.protocol, text, "reaction-stats")) {
                if (measuring.get()) {
                    frames.incrementAndGet();
                }
                if (reaction) {
                    if (client.index == 0) {
                        probeCount.addAndGet(BenchClient.longAfter(text, "\"count\":"));
                    }
                    String at = text.substring(text.indexOf("\"timestamp\":\"") + 13, text.indexOf("\"timestamp\":\"") + 37);
                    try {
                        long sentAt = java.time.Instant.parse(at.substring(0, at.indexOf('Z') + 1)).toEpochMilli();
                        delay.recordValue(Math.max(0, System.currentTimeMillis() - sentAt));
                    } catch (RuntimeException ignored) {
                        // not a timestamp we can read: skipped
                    }
                }
            } else if (BenchClient.isEvent(client.protocol, text, "error")) {
                errors.incrementAndGet();
            }
        });
        Thread.sleep(smoke ? 300 : 1000);
        // each sender stays under the per-connection limit (10/s): rate/10 senders
        int senderCount = Math.max(1, Math.min(clients.size(), (rate + 9) / 10));
        List<BenchClient> senders = clients.subList(clients.size() - senderCount, clients.size());
        String[] types = {"like", "love", "heart", "fire", "clap", "wow", "laugh"};
        AtomicLong sent = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        double perTick = rate / 100.0;
        double[] carry = {0};
        long cpuStart = target.cpuMicros();
        long start = System.nanoTime();
        measuring.set(true);
        long timer = vertx.setPeriodic(10, id -> {
            carry[0] += perTick;
            while (carry[0] >= 1) {
                carry[0] -= 1;
                int n = next.getAndIncrement();
                senders.get(Math.floorMod(n, senders.size())).send("send-reaction",
                        "{\"sessionId\":\"" + session + "\",\"type\":\"" + types[Math.floorMod(n, types.length)] + "\"}", -1);
                sent.incrementAndGet();
            }
        });
        Thread.sleep(seconds * 1000L);
        vertx.cancelTimer(timer);
        long end = System.nanoTime();
        measuring.set(false);
        long accepted = sent.get() - errors.get();
        long backlogAtEnd = Math.max(0, accepted - published.count());
        long drainDeadline = System.nanoTime() + 20_000_000_000L;
        while (published.count() < accepted && System.nanoTime() < drainDeadline) {
            Thread.sleep(50);
        }
        long drained = System.nanoTime();
        Thread.sleep(500);
        long cpuEnd = target.cpuMicros();
        double windowSeconds = (end - start) / 1e9;
        Histogram histogram = delay.getIntervalHistogram();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "reaction-storm");
        result.put("protocol", protocol.label);
        result.put("viewers", viewers);
        result.put("reactionsPerSecond", Math.round(sent.get() / windowSeconds));
        result.put("refused", errors.get());
        result.put("framesOutPerSecond", Math.round(frames.get() / windowSeconds));
        result.put("framesPerViewerPerSecond", round(frames.get() / windowSeconds / viewers));
        result.put("oneViewerSawReactions", probeCount.get());
        result.put("p99FrameDelayMs", histogram.getValueAtPercentile(99));
        result.put("publishedBacklogAtEnd", backlogAtEnd);
        result.put("published", published.count());
        result.put("publishDrainSeconds", round((drained - end) / 1e9));
        result.put("serverCpuSeconds", cpuStart < 0 ? null : round((cpuEnd - cpuStart) / 1e6));
        report(result);
        published.close();
        closeAll(clients);
    }

    // ------------------------------------------------------------------ helpers

    private List<BenchClient> connectAll(BenchTarget on, BenchClient.Protocol protocol, int count, UUID session, int concurrency,
                                         java.util.function.BiConsumer<BenchClient, String> listener) throws Exception {
        List<BenchClient> clients = java.util.Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger launched = new AtomicInteger();
        AtomicInteger joined = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        BenchClient[] byIndex = new BenchClient[count];
        java.util.function.BiConsumer<BenchClient, String> wrapped = (client, text) -> {
            if (BenchClient.isAck(client.protocol, text) && joined.get() < count) {
                if (joined.incrementAndGet() == count) {
                    all.complete(null);
                }
                return;
            }
            listener.accept(client, text);
        };
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int index = launched.getAndIncrement();
            if (index >= count) {
                return;
            }
            java.net.URI endpoint = on.endpoints.get(index % on.endpoints.size());
            Future<BenchClient> connected = BenchClient.connect(wsClient, endpoint.getHost(), endpoint.getPort(), protocol,
                    index, wrapped);
            connected.onSuccess(client -> {
                byIndex[index] = client;
                client.join(session, 1);
                launch[0].run();
            }).onFailure(e -> {
                failed.incrementAndGet();
                System.err.println("client " + index + " failed: " + e.getMessage());
                if (joined.get() + failed.get() >= count) {
                    all.complete(null);
                }
                launch[0].run();
            });
        };
        for (int i = 0; i < Math.min(concurrency, count); i++) {
            vertx.runOnContext(v -> launch[0].run());
        }
        try {
            all.get(Long.parseLong(options.getOrDefault("connect-timeout", "90")), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.printf("only %d of %d clients joined in time; going on with them%n", joined.get(), count);
        }
        for (BenchClient client : byIndex) {
            if (client != null) {
                clients.add(client);
            }
        }
        if (failed.get() > 0) {
            System.err.println(failed.get() + " of " + count + " clients could not connect");
        }
        return clients;
    }

    private void closeAll(List<BenchClient> clients) throws InterruptedException {
        for (BenchClient client : clients) {
            vertx.runOnContext(v -> client.close());
        }
        Thread.sleep(smoke ? 300 : 3000);
    }

    private void report(Map<String, Object> result) {
        results.add(result);
        sink.accept(result);
        if (!ownTarget) {
            return; // the runner's sink prints it
        }
        StringBuilder line = new StringBuilder();
        result.forEach((k, v) -> line.append(k).append('=').append(v).append("  "));
        System.out.println(line.toString().trim());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void shutdown() {
        if (vertx != null) {
            vertx.close();
        }
        if (target != null && ownTarget) {
            target.close();
        }
    }

    /** Counts one session's events of one type on a topic, from the moment it is created. */
    static final class KafkaViews implements AutoCloseable {
        private final AtomicLong count = new AtomicLong();
        private final Map<Long, Long> reached = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        KafkaViews(String bootstrap, String topic, String key, String typeMarker) {
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            if (key.equals(record.key()) && record.value().contains(typeMarker)) {
                                long n = count.incrementAndGet();
                                reached.putIfAbsent(n, System.nanoTime());
                            }
                        }
                    }
                }
            }, "bench-kafka-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        long count() {
            return count.get();
        }

        long reachedAt(long n) {
            return reached.getOrDefault(n, 0L);
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
