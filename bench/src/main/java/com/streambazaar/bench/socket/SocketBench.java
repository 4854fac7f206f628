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
    private BenchTarget target;
    private Vertx vertx;
    private WebSocketClient wsClient;
    private final List<Map<String, Object>> results = new ArrayList<>();

    private SocketBench(Map<String, String> options) {
        this.options = options;
        this.smoke = options.containsKey("smoke");
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
        if (options.containsKey("url")) {
            target = BenchTarget.external(options.get("url"), options.getOrDefault("kafka", "127.0.0.1:9092"),
                    Long.parseLong(options.getOrDefault("pid", "-1")));
        } else {
            target = BenchTarget.selfHosted(Path.of(options.getOrDefault("jar", "realtime-service/target/quarkus-app/quarkus-run.jar")),
                    options.getOrDefault("server-opts", "-Xmx1g -XX:+UseParallelGC"));
        }
        String scenarios = options.getOrDefault("scenarios", "fanout,join,reactions");
        int seconds = Integer.parseInt(options.getOrDefault("seconds", smoke ? "3" : "20"));
        if (scenarios.contains("fanout")) {
            List<Integer> rooms = smoke ? List.of(50) : ints(options.getOrDefault("rooms", "1000,2000"));
            List<Integer> rates = smoke ? List.of(20) : ints(options.getOrDefault("rates", "50,100"));
            for (BenchClient.Protocol protocol : protocols()) {
                for (int room : rooms) {
                    for (int rate : rates) {
                        fanout(protocol, room, rate, seconds);
                    }
                }
            }
        }
        if (scenarios.contains("join")) {
            joinStorm("ws".equals(options.get("join-protocol")) ? BenchClient.Protocol.WS : BenchClient.Protocol.SOCKET_IO, smoke ? 200 : Integer.parseInt(options.getOrDefault("join-viewers", "5000")));
        }
        if (scenarios.contains("reactions")) {
            reactionStorm(BenchClient.Protocol.SOCKET_IO, smoke ? 100 : Integer.parseInt(options.getOrDefault("reaction-viewers", "2000")),
                    smoke ? 200 : Integer.parseInt(options.getOrDefault("reaction-rate", "2000")), smoke ? 3 : Math.min(seconds, 15));
        }
        System.out.println();
        System.out.println("RESULTS (JSON lines)");
        for (Map<String, Object> result : results) {
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
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

    private void fanout(BenchClient.Protocol protocol, int viewers, int rate, int seconds) throws Exception {
        UUID session = target.liveSession(1);
        Recorder latency = new Recorder(3);
        AtomicLong deliveries = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong windowStartNanos = new AtomicLong(Long.MAX_VALUE);
        AtomicLong windowEndNanos = new AtomicLong(Long.MAX_VALUE);
        String messageKey = "\"message\":\"b";
        List<BenchClient> clients = connectAll(protocol, viewers, session, 300, (client, text) -> {
            if (BenchClient.isEvent(client.protocol, text, "new-message")) {
                long sentAt = BenchClient.longAfter(text, messageKey);
                if (sentAt > 0 && sentAt >= windowStartNanos.get() && sentAt < windowEndNanos.get()) {
                    deliveries.incrementAndGet();
                    latency.recordValue(Math.max(0, System.nanoTime() - sentAt) / 1000);
                }
            } else if (BenchClient.isEvent(client.protocol, text, "error")) {
                errors.incrementAndGet();
            }
        });
        Thread.sleep(1000);
        List<BenchClient> senders = clients.subList(0, Math.min(rate, clients.size()));
        AtomicLong sent = new AtomicLong();
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
                sender.send("send-message", prefix + now + "\"}", -1);
                sent.incrementAndGet();
                if (now >= windowStartNanos.get() && now < windowEndNanos.get()) {
                    sentInWindow.incrementAndGet();
                }
            }
        });
        Thread.sleep(smoke ? 1000 : 3000);
        // the measured window
        errors.set(0);
        long cpuStart = target.cpuMicros();
        long ownCpuStart = ownCpuMicros();
        long start = System.nanoTime();
        windowStartNanos.set(start);
        latency.reset();
        Thread.sleep(seconds * 1000L);
        long end = System.nanoTime();
        windowEndNanos.set(end);
        Thread.sleep(500);
        sending.set(false);
        vertx.cancelTimer(timer);
        long drainUntil = System.nanoTime() + 5_000_000_000L;
        long expected = (sentInWindow.get() - errors.get()) * (long) viewers;
        while (deliveries.get() < expected && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        long cpuEnd = target.cpuMicros();
        long ownCpuEnd = ownCpuMicros();
        Histogram histogram = latency.getIntervalHistogram();
        double windowSeconds = (end - start) / 1e9;
        long delivered = deliveries.get();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "chat-fanout");
        result.put("protocol", protocol.label);
        result.put("viewers", viewers);
        result.put("messagesPerSecond", rate);
        result.put("seconds", Math.round(windowSeconds * 10) / 10.0);
        result.put("messagesSent", sentInWindow.get());
        result.put("refused", errors.get());
        result.put("deliveries", delivered);
        result.put("deliveriesPerSecond", Math.round(delivered / windowSeconds));
        result.put("lost", Math.max(0, expected - delivered));
        result.put("p50Ms", histogram.getValueAtPercentile(50) / 1000.0);
        result.put("p99Ms", histogram.getValueAtPercentile(99) / 1000.0);
        result.put("maxMs", histogram.getMaxValue() / 1000.0);
        result.put("serverCpuMicrosPerDelivery", cpuStart < 0 || delivered == 0 ? null
                : Math.round((cpuEnd - cpuStart) * 100.0 / delivered) / 100.0);
        result.put("generatorCpuMicrosPerDelivery", delivered == 0 ? null
                : Math.round((ownCpuEnd - ownCpuStart) * 100.0 / delivered) / 100.0);
        result.put("machineLoadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report(result);
        closeAll(clients);
    }

    private static long ownCpuMicros() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1000 : -1;
    }

    // ------------------------------------------------------------------ join storm

    private void joinStorm(BenchClient.Protocol protocol, int viewers) throws Exception {
        UUID session = target.liveSession(1);
        AtomicInteger lastCount = new AtomicInteger(-1);
        AtomicLong countRightAt = new AtomicLong();
        KafkaViews views = new KafkaViews(target.kafka, "bazaar.presence.v1", session.toString(), "\"viewer.joined\"");
        long start = System.nanoTime();
        AtomicInteger watcherIndex = new AtomicInteger(0);
        List<BenchClient> clients = connectAll(protocol, viewers, session, 500, (client, text) -> {
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
        List<BenchClient> clients = connectAll(protocol, viewers, session, 300, (client, text) -> {
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
        Thread.sleep(1000);
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

    private List<BenchClient> connectAll(BenchClient.Protocol protocol, int count, UUID session, int concurrency,
                                         java.util.function.BiConsumer<BenchClient, String> listener) throws Exception {
        List<BenchClient> clients = java.util.Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger launched = new AtomicInteger();
        AtomicInteger joined = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        BenchClient[] byIndex = new BenchClient[count];
        java.util.function.BiConsumer<BenchClient, String> wrapped = (client, text) -> {
            if (BenchClient.isAck(client.protocol, text)) {
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
            Future<BenchClient> connected = BenchClient.connect(wsClient, target.host, target.port, protocol, index, wrapped);
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
        Thread.sleep(smoke ? 1000 : 3000);
    }

    private void report(Map<String, Object> result) {
        results.add(result);
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
        if (target != null) {
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
