package com.streambazaar.bench;

import com.streambazaar.bench.analytics.DashboardBenchmark;
import com.streambazaar.bench.core.DatabaseCpu;
import com.streambazaar.bench.core.Proc;
import com.streambazaar.bench.core.Results;
import com.streambazaar.bench.http.HttpScenarios;
import com.streambazaar.bench.http.LoginBurst;
import com.streambazaar.bench.http.Wrk;
import com.streambazaar.bench.profile.ProfileHook;
import com.streambazaar.bench.socket.BenchTarget;
import com.streambazaar.bench.socket.RealClients;
import com.streambazaar.bench.socket.SocketBench;
import com.streambazaar.bench.stack.LocalStack;
import com.streambazaar.bench.stack.Seeder;
import com.streambazaar.bench.stack.Snapshot;
import com.streambazaar.bench.stack.Stack;
import com.streambazaar.bench.startup.StartupBench;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark: every scenario of issue 12 against a stack of its own (or {@code --base-url}), a table of each figure
 * beside its target, and {@code bench/target/results.json}. Run through {@code bench/run}; see bench/README.md.
 */
public final class Bench {

    static final List<String> ALL = List.of("http", "login", "sockets", "analytics", "startup");

    private final Map<String, String> options;
    private final boolean smoke;
    private final Path root;
    /** What runs: a copy of the build taken at the start (see Snapshot), or the checkout itself. */
    private Path runnable;
    private final Path work;
    private final Results results;
    private ProfileHook profile = ProfileHook.NONE;
    private final long begin = System.nanoTime();

    private Bench(Map<String, String> options) {
        this.options = options;
        this.smoke = options.containsKey("smoke");
        this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        this.work = root.resolve("bench/target/work");
        this.runnable = root;
        this.results = new Results("bench/run " + String.join(" ", options.entrySet().stream()
                .filter(e -> !e.getKey().equals("root"))
                .map(e -> "--" + e.getKey() + ("true".equals(e.getValue()) ? "" : "=" + e.getValue())).toList()).trim(),
                smoke);
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + " (see bench/README.md)");
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        int exit;
        try {
            exit = new Bench(options).run();
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private Set<String> scenarios() {
        return Set.of(options.getOrDefault("scenarios", String.join(",", ALL)).split(","));
    }

    private int run() throws Exception {
        System.out.printf("Stream Bazaar benchmark%s: %d cores, load average %.2f%n", smoke ? " (smoke)" : "",
                Runtime.getRuntime().availableProcessors(), Proc.loadAverage());
        if (!smoke && Proc.loadAverage() > 1.5) {
            System.out.println("WARNING: the machine is busy (load average above 1.5): figures will be low and noisy.");
        }
        Set<String> chosen = scenarios();
        if (chosen.contains("http") && !Wrk.available()) {
            throw new IllegalStateException("wrk is not installed (apt-get install wrk; bench/run does that)");
        }
        if (options.containsKey("profile")) {
            profile = ProfileHook.asyncProfiler(root.resolve("bench/target/profiles"));
        }
        Path out = Path.of(options.getOrDefault("out", root.resolve("bench/target/results.json").toString()));
        LocalStack local = null;
        Stack stack;
        boolean ownStack = !options.containsKey("base-url");
        if (!options.containsKey("no-snapshot")) {
            runnable = Snapshot.take(root, root.resolve("bench/target/snapshot"));
        }
        LocalStack.Settings settings = settings();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            if (ownStack) {
                System.out.printf("%n== starting a stack of its own (state %s, edge on %d, database %s)%n",
                        settings.stateDir(), settings.edgePort(), settings.database());
                local = LocalStack.startFresh(settings);
                stack = local.stack();
                Thread.sleep(smoke ? 500 : 3000);
                stackStartUp(local, stack);
            } else if (options.containsKey("stack-state")) {
                stack = Stack.fromStateDir(Path.of(options.get("stack-state")));
            } else {
                stack = Stack.fromBaseUrl(options.get("base-url"), options.getOrDefault("kafka", "127.0.0.1:9092"));
            }
            if (chosen.contains("http") || chosen.contains("login") || chosen.contains("sockets")) {
                Seeder seeder = new Seeder(stack.baseUrl());
                Seeder.Data data = smoke ? seeder.seed(3, 6, 24, 6) : seeder.seed(20, 20, 600, 200);
                Map<String, Object> seeded = new LinkedHashMap<>();
                seeded.put("scenario", "seed");
                seeded.put("creators", data.creators().size());
                seeded.put("viewers", data.viewers().size());
                seeded.put("products", data.products().size());
                seeded.put("sessions", data.sessions().size());
                seeded.put("seconds", Results.round1(data.seconds()));
                System.out.println("\n== seeded through the API" + elapsed());
                results.detail(seeded);
                Thread.sleep(smoke ? 500 : 3000); // read models catch up, outboxes drain
                try (DatabaseCpu database = DatabaseCpu.of(stack.jdbcUrl().orElse(null), "postgres", null)) {
                    if (chosen.contains("http")) {
                        http(stack, database, vertx, data);
                    }
                }
                if (chosen.contains("login")) {
                    login(stack, seeder, data);
                }
                if (chosen.contains("sockets")) {
                    sockets(stack, seeder, data);
                }
            }
            if (local != null) {
                Map<String, Object> rss = new LinkedHashMap<>();
                rss.put("scenario", "rss-under-load");
                rss.put("peakRssMb", stack.peakRssMb());
                rss.put("rssNowMb", stack.rssMb());
                System.out.println("\n== memory after the load");
                results.detail(rss);
                double worst = stack.peakRssMb().entrySet().stream().filter(e -> !e.getKey().equals("edge"))
                        .mapToDouble(Map.Entry::getValue).max().orElse(-1);
                results.row("RSS under load (peak of each service)", format(stack.peakRssMb()), "≤ 300 MB",
                        worst > 0 ? worst <= 300 : null);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (local != null && options.containsKey("keep-stack")) {
                local.keepRunning();
                System.out.println("\n== the stack keeps running: BAZAAR_STATE_DIR=" + settings.stateDir() + " ./bazaar down");
            } else if (local != null) {
                System.out.println("\n== stopping the stack");
                local.close();
                if (options.containsKey("drop-database")) {
                    LocalStack.dropDatabase(settings);
                }
            }
        }
        // after the stack: the machine is otherwise idle for the analytics service and the start-ups
        if (chosen.contains("analytics")) {
            analytics();
        }
        if (chosen.contains("startup") && ownStack && !smoke && local != null && !options.containsKey("keep-stack")) {
            System.out.println("\n== start-up of each service alone (BAZAAR_SERVICES=<one> ./bazaar up -d)" + elapsed());
            List<Map<String, Object>> alone = StartupBench.run(settings, Stack.SERVICES);
            Map<String, Object> seconds = new LinkedHashMap<>();
            Map<String, Object> rss = new LinkedHashMap<>();
            double slowest = 0;
            double fattest = 0;
            for (Map<String, Object> figures : alone) {
                results.detail(figures);
                Double ready = (Double) figures.get("readySeconds");
                seconds.put((String) figures.get("service"), ready);
                rss.put((String) figures.get("service"), figures.get("idleRssMb"));
                slowest = Math.max(slowest, ready == null ? 99 : ready);
                fattest = Math.max(fattest, (double) figures.get("idleRssMb"));
            }
            results.row("start-up of each service alone (s)", format(seconds), "≤ 3 s", slowest <= 3);
            results.row("RSS idle, each service alone (MB)", format(rss), "≤ 300 MB", fattest <= 300);
        }
        double took = (System.nanoTime() - begin) / 1e9;
        results.put("durationSeconds", Math.round(took));
        results.write(out);
        System.out.printf("%n== results (%s, %.0f s, load average now %.2f)%n%n", smoke ? "smoke" : "full", took,
                Proc.loadAverage());
        System.out.print(results.table());
        System.out.println("\nJSON: " + out);
        return 0;
    }

    /** " (at N s)": where the run is, in the section headers. */
    private String elapsed() {
        return String.format(Locale.ROOT, " (at %.0f s)", (System.nanoTime() - begin) / 1e9);
    }

    private void stackStartUp(LocalStack local, Stack stack) {
        LocalStack.StartUp startUp = local.startUp();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", "start-up-stack");
        figures.put("stackSeconds", startUp.stackSeconds());
        figures.put("readySeconds", startUp.readySeconds());
        figures.put("idleRssMb", stack.rssMb());
        results.detail(figures);
        Map<String, Object> services = new LinkedHashMap<>();
        startUp.readySeconds().forEach((name, seconds) -> {
            if (!name.equals("postgres") && !name.equals("kafka")) {
                services.put(name, seconds);
            }
        });
        results.row("start-up of the whole stack (s)", String.format(Locale.ROOT, "%.1f s (%s, started together)",
                startUp.stackSeconds(), format(services)), "report", null);
        double worst = stack.rssMb().entrySet().stream().filter(e -> !e.getKey().equals("edge"))
                .mapToDouble(Map.Entry::getValue).max().orElse(-1);
        results.row("RSS idle after start (MB)", format(stack.rssMb()), "≤ 300 MB", worst > 0 ? worst <= 300 : null);
    }

    private void http(Stack stack, DatabaseCpu database, Vertx vertx, Seeder.Data data) throws Exception {
        int seconds = Integer.parseInt(options.getOrDefault("seconds", smoke ? "1" : "10"));
        int warm = Integer.parseInt(options.getOrDefault("warm-up", smoke ? "1" : "10"));
        System.out.println("\n== REST scenarios (wrk, 50 connections)" + elapsed());
        HttpScenarios http = new HttpScenarios(stack, database, results, work, vertx, smoke, seconds, warm, profile);
        http.run(new HttpScenarios.Scenario("GET /api/products/:id", "catalog",
                data.products().stream().map(id -> "/api/products/" + id).toList(), 6000, 25));
        http.run(new HttpScenarios.Scenario("GET /api/sessions/:id", "session",
                data.sessions().stream().map(id -> "/api/sessions/" + id).toList(), 3000, 25));
        http.run(new HttpScenarios.Scenario("GET /api/search/sessions?q=", "session",
                data.searchTerms().stream().map(term -> "/api/search/sessions?q=" + term).toList(), 2500, 40));
    }

    private void login(Stack stack, Seeder seeder, Seeder.Data data) throws Exception {
        System.out.println("\n== login burst with concurrent cheap GETs" + elapsed());
        List<Seeder.Account> accounts = data.viewers().subList(0, Math.min(8, data.viewers().size()));
        int logins = Integer.parseInt(options.getOrDefault("logins", smoke ? "12" : "200"));
        int idle = smoke ? 1 : 5;
        LoginBurst.report(results, LoginBurst.run("direct", stack.serviceUrl("auth"), accounts, logins, 32, idle,
                smoke, stack.pid("auth")));
        LoginBurst.report(results, LoginBurst.run("edge", stack.baseUrl(), accounts, logins, 32, idle,
                smoke, stack.pid("auth")));
    }

    private void sockets(Stack stack, Seeder seeder, Seeder.Data data) throws Exception {
        System.out.println("\n== sockets (realtime-service, Vert.x WebSocket clients; real socket.io-client viewers in the first room)"
                + elapsed());
        AtomicInteger rooms = new AtomicInteger();
        Seeder.Account[] creator = {seeder.login(data.creators().get(0))};
        long[] tokenAt = {System.nanoTime()};
        BenchTarget.LiveSessions sessions = () -> {
            if (System.nanoTime() - tokenAt[0] > TimeUnit.MINUTES.toNanos(10)) {
                creator[0] = seeder.login(creator[0]);
                tokenAt[0] = System.nanoTime();
            }
            return seeder.liveSession(creator[0], "Bench room " + rooms.incrementAndGet());
        };
        List<String> replicas = stack.realtimeUrls();
        List<Long> replicaPids = new ArrayList<>();
        for (String name : stack.pids().keySet()) {
            if (name.equals("realtime") || name.startsWith("realtime-")) {
                replicaPids.add(stack.pid(name));
            }
        }
        BenchTarget one = BenchTarget.stack(List.of(stack.serviceUrl("realtime")),
                stack.pid("realtime") > 0 ? List.of(stack.pid("realtime")) : List.of(), stack.kafka(), sessions);
        BenchTarget two = replicas.size() < 2 ? null : one.onReplicas(replicas.subList(0, 2), replicaPids.subList(0, 2));
        Path testJs = runnable.resolve("realtime-service/target/test-js");
        RealClients.Factory real = RealClients.factory(stack.baseUrl(), smoke ? 5 : 20, testJs, work);
        Map<String, String> socketOptions = new LinkedHashMap<>();
        if (smoke) {
            socketOptions.put("smoke", "true");
            socketOptions.put("seconds", "1");
            socketOptions.put("scenarios", "fanout,fanout2,saturation,join,reactions");
        } else {
            socketOptions.put("seconds", options.getOrDefault("socket-seconds", "10"));
            // issue 10's grid: rooms of 1,000 and 2,000 viewers at 50 and 100 msg/s, per protocol
            socketOptions.put("rooms", options.getOrDefault("rooms", "1000,2000"));
            socketOptions.put("rates", options.getOrDefault("rates", "50,100"));
            // issue 12's saturation figure: the highest rate held with p99 ≤ 250 ms
            socketOptions.put("saturation-p99-ms", options.getOrDefault("saturation-p99-ms", "250"));
            socketOptions.put("scenarios", "fanout,fanout2,saturation,join,reactions");
            socketOptions.put("join-viewers", "5000");
            socketOptions.put("saturation-seconds", options.getOrDefault("saturation-seconds", "6"));
            socketOptions.put("saturation-rates", options.getOrDefault("saturation-rates", "10,20,35,50,75,100"));
        }
        List<Map<String, Object>> socketResults;
        try {
            SocketBench socketBench = new SocketBench(socketOptions, one, two, real, results::detail);
            socketBench.profileFirstWindow(profile);
            socketResults = socketBench.runScenarios();
        } finally {
            one.close();
        }
        for (Map<String, Object> r : socketResults) {
            String scenario = (String) r.get("scenario");
            switch (scenario) {
                case "chat-fanout", "chat-fanout-two-replicas" -> {
                    boolean two2 = scenario.endsWith("replicas");
                    double p99Target = two2 ? 150 : 100;
                    long perSecond = ((Number) r.get("deliveriesPerSecond")).longValue();
                    String name = "chat fan-out " + r.get("viewers") + " viewers × " + r.get("messagesPerSecond")
                            + " msg/s, " + r.get("protocol") + (two2 ? ", two replicas" : "");
                    long refused = ((Number) r.get("refused")).longValue();
                    // the target is the 2,000 × 100 room's; the smaller cells of issue 10's grid are reported
                    boolean targetRoom = ((Number) r.get("viewers")).longValue()
                            * ((Number) r.get("messagesPerSecond")).longValue() >= 200_000;
                    results.row(name, String.format(Locale.ROOT, "%,d deliveries/s, p50 %.1f ms, p99 %.1f ms, %s lost%s; "
                                            + "server %s µs/delivery", perSecond, r.get("p50Ms"), r.get("p99Ms"),
                                    r.get("lost"), refused == 0 ? "" : ", " + refused + " sends refused",
                                    r.get("serverCpuMicrosPerDelivery")),
                            targetRoom ? String.format(Locale.ROOT, "200,000/s, p99 ≤ %.0f ms, 0 lost", p99Target)
                                    : "(grid: report)",
                            targetRoom ? perSecond >= 200_000 && (double) r.get("p99Ms") <= p99Target
                                    && (long) r.get("lost") == 0 && refused == 0 : null);
                    if (r.containsKey("socketIoClientDeliveries")) {
                        results.row("… as " + r.get("socketIoClientClients") + " real socket.io-client viewers see it (edge)",
                                String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, %s lost; transports %s",
                                        r.get("socketIoClientP50Ms"), r.get("socketIoClientP99Ms"),
                                        r.get("socketIoClientLost"), r.get("socketIoClientTransports")),
                                "p99 ≤ 100 ms, 0 lost", r.get("socketIoClientP99Ms") != null
                                        && (double) r.get("socketIoClientP99Ms") <= 100
                                        && ((Number) r.get("socketIoClientLost")).longValue() == 0);
                    }
                }
                case "chat-fanout-saturation" -> results.row("fan-out saturation (" + r.get("viewers") + " viewers)",
                        r.get("highestSustainedDeliveriesPerSecond") == null ? "p99 > 250 ms already at the first rate"
                                : String.format(Locale.ROOT, "%,d deliveries/s at %s msg/s (p99 %s ms, %s µs/delivery)",
                                ((Number) r.get("highestSustainedDeliveriesPerSecond")).longValue(),
                                r.get("atMessagesPerSecond"), r.get("p99MsThere"), r.get("serverCpuMicrosPerDeliveryThere")),
                        "report (p99 ≤ " + options.getOrDefault("saturation-p99-ms", "250") + " ms)", null);
                case "join-storm" -> {
                    Object counts = r.get("viewerCountRightSeconds");
                    Object views = r.get("viewsPublishedSeconds");
                    double worst = Math.max(counts == null ? 99 : (double) counts, views == null ? 99 : (double) views);
                    results.row("join storm " + r.get("viewers") + " viewers", String.format(Locale.ROOT,
                                    "seated %.2f s, count right %s s, views published %s s", r.get("allSeatedSeconds"),
                                    counts, views), "≤ 5 s", worst <= 5);
                }
                case "reaction-storm" -> results.row("reaction storm " + r.get("viewers") + " viewers × "
                                + r.get("reactionsPerSecond") + "/s", String.format(Locale.ROOT,
                                "%,d frames/s out, p99 frame delay %s ms, backlog %s at end (drained in %s s)",
                                ((Number) r.get("framesOutPerSecond")).longValue(), r.get("p99FrameDelayMs"),
                                r.get("publishedBacklogAtEnd"), r.get("publishDrainSeconds")), "no backlog",
                        ((Number) r.get("publishedBacklogAtEnd")).longValue() == 0
                                || (double) r.get("publishDrainSeconds") < 1.0);
                default -> {
                    // saturation steps: in the JSON only
                }
            }
        }
    }

    private void analytics() throws Exception {
        System.out.println("\n== analytics: ingest of a million-view show, then its dashboards (own broker, database and service)"
                + elapsed());
        int views = Integer.parseInt(options.getOrDefault("views", smoke ? "2000" : "1000000"));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", "analytics");
        figures.putAll(DashboardBenchmark.run(runnable.resolve("analytics-service/target/quarkus-app/quarkus-run.jar"), views,
                smoke ? 20 : 1000, smoke ? 20 : 200, false, profile));
        results.detail(figures);
        results.row("event ingest into analytics", String.format(Locale.ROOT,
                        "%,d events/s (%,d events; service %s + db %s µs/event)", figures.get("ingestEventsPerSecond"),
                        figures.get("ingestEvents"), figures.get("ingestServiceCpuMicrosPerEvent"),
                        figures.get("ingestDatabaseCpuMicrosPerEvent")), "≥ 20,000/s",
                ((Number) figures.get("ingestEventsPerSecond")).longValue() >= 20_000);
        results.row(String.format(Locale.ROOT, "analytics dashboard, %,d views", views), String.format(Locale.ROOT,
                        "p50 %s ms, p99 %s ms (creator figures p99 %s ms)", figures.get("dashboardP50Ms"),
                        figures.get("dashboardP99Ms"), figures.get("creatorP99Ms")), "p99 ≤ 200 ms",
                (double) figures.get("dashboardP99Ms") <= 200);
    }

    private static String format(Map<String, ?> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return text.toString();
    }

    private LocalStack.Settings settings() throws Exception {
        Path state = Path.of(options.getOrDefault("state-dir", root.resolve("bench/target/stack").toString()));
        int[] ports = {33000, 38081, 38082, 38083, 38084, 38085, 38094, 39092, 39093, 38095};
        if ("auto".equals(options.get("ports"))) {
            for (int i = 0; i < ports.length; i++) {
                ports[i] = freePort(i == 6 ? 2 : 1);
            }
        } else if (options.containsKey("port-offset")) {
            int offset = Integer.parseInt(options.get("port-offset"));
            for (int i = 0; i < ports.length; i++) {
                ports[i] += offset;
            }
        }
        Files.createDirectories(work);
        return new LocalStack.Settings(runnable, state, options.getOrDefault("database", "bazaar_bench"), ports[0], ports[1],
                ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], ports[8], ports[9],
                Integer.parseInt(options.getOrDefault("realtime-replicas", "2")), "");
    }

    /** A free port (and, with {@code run} = 2, the next one free too: realtime's further replicas count up). */
    private static int freePort(int run) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (run == 1 || port + 1 > 65535) {
                    return port;
                }
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (java.io.IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free ports");
    }
}
