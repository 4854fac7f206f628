package com.streambazaar.bench.http;

import com.streambazaar.bench.core.DatabaseCpu;
import com.streambazaar.bench.core.Proc;
import com.streambazaar.bench.core.Results;
import com.streambazaar.bench.profile.ProfileHook;
import com.streambazaar.bench.stack.Stack;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST scenarios: each with wrk (closed loop, 50 connections) on the service's own port and through the edge,
 * then the fixed-rate probe on both. Beside every throughput: CPU per request of the service, of its Postgres
 * backends, of the edge (the launcher JVM) and of the generator.
 */
public final class HttpScenarios {

    /** One REST scenario of the table. */
    public record Scenario(String name, String service, List<String> paths, int targetRps, double targetP99Ms) {
    }

    private final Stack stack;
    private final DatabaseCpu database;
    private final Results results;
    private final Wrk wrk;
    private final Vertx vertx;
    private final boolean smoke;
    private final int connections;
    private final int seconds;
    private final int warmSeconds;
    private final ProfileHook profile;

    public HttpScenarios(Stack stack, DatabaseCpu database, Results results, Path workDir, Vertx vertx, boolean smoke,
                         int seconds, int warmSeconds, ProfileHook profile) throws Exception {
        this.stack = stack;
        this.database = database;
        this.results = results;
        this.wrk = new Wrk(workDir);
        this.vertx = vertx;
        this.smoke = smoke;
        this.connections = 50;
        this.seconds = seconds;
        this.warmSeconds = warmSeconds;
        this.profile = profile;
    }

    public void run(Scenario scenario) throws Exception {
        Path paths = wrk.paths(scenario.service() + "-" + Math.abs(scenario.name().hashCode()), scenario.paths());
        String direct = stack.serviceUrl(scenario.service());
        String edge = stack.baseUrl();
        System.out.printf(Locale.ROOT, "%n== %s (%d paths; warm-up %d s through the edge)%n", scenario.name(),
                scenario.paths().size(), warmSeconds);
        wrk.run(edge, paths, connections, 2, warmSeconds, null);
        // interleaved halves (own port, edge, own port, edge): a JIT still warming up on a busy machine then favours
        // neither side of the edge's cost
        int half = Math.max(1, seconds / 2);
        Map<String, Object> onPortFirst = measure(scenario, "direct", direct, paths, false, half);
        Map<String, Object> viaEdgeFirst = measure(scenario, "edge", edge, paths, true, half);
        Map<String, Object> onPort = merge(onPortFirst, measure(scenario, "direct", direct, paths, false, half));
        Map<String, Object> viaEdge = merge(viaEdgeFirst, measure(scenario, "edge", edge, paths, true, half));
        results.detail(onPort);
        results.detail(viaEdge);
        if (profile != ProfileHook.NONE) {
            // a run of its own, so the profiler's overhead touches no figure; after the measured ones, so the JIT has
            // done most of its work and the profile shows the steady state
            List<Long> pids = List.of(stack.pid(scenario.service()), stack.edgePid());
            profile.begin(scenario.name() + " via edge", pids);
            wrk.run(edge, paths, connections, 2, Math.max(1, seconds / 2), null);
            profile.end(scenario.name() + " via edge", pids);
        }

        double edgeRps = (double) viaEdge.get("requestsPerSecond");
        double directRps = (double) onPort.get("requestsPerSecond");
        double edgeP99 = (double) viaEdge.get("p99Ms");
        boolean errorsFree = (long) viaEdge.get("errors") == 0 && (long) viaEdge.get("non2xx") == 0;
        results.row(scenario.name() + " (edge)", String.format(Locale.ROOT,
                        "%,.0f req/s, p50 %.1f ms, p99 %.1f ms; CPU/req %s", edgeRps, viaEdge.get("p50Ms"), edgeP99,
                        cpuText(viaEdge)), String.format(Locale.ROOT, "≥ %,d req/s, p99 ≤ %.0f ms", scenario.targetRps(),
                        scenario.targetP99Ms()),
                errorsFree && edgeRps >= scenario.targetRps() && edgeP99 <= scenario.targetP99Ms());
        results.row(scenario.name() + " (own port)", String.format(Locale.ROOT,
                        "%,.0f req/s, p50 %.1f ms, p99 %.1f ms; CPU/req %s", directRps, onPort.get("p50Ms"),
                        onPort.get("p99Ms"), cpuText(onPort)), "(reference for the edge's cost)", null);
        double cost = directRps <= 0 ? Double.NaN : (1 - edgeRps / directRps) * 100;
        results.row("edge cost, " + scenario.name(), String.format(Locale.ROOT,
                "%.0f %% of throughput (%,.0f → %,.0f req/s); edge CPU %s µs/req", cost, directRps, edgeRps,
                viaEdge.get("edgeCpuMicrosPerRequest")), "< 20 %",
                // the edge faster than no edge is noise (a JIT still warming, a busy machine): not judged
                cost < -5 ? null : cost < 20);

        // the open-loop figure: at the target rate if the closed loop reached it, else at 80 % of what it reached
        // (the smoke run only checks that the probe works: through the edge)
        for (Map<String, Object> closed : smoke ? List.of(viaEdge) : List.of(onPort, viaEdge)) {
            boolean throughEdge = closed == viaEdge;
            double reached = (double) closed.get("requestsPerSecond");
            double rate = Math.max(10, reached >= scenario.targetRps() ? scenario.targetRps() : Math.floor(reached * 0.8 / 10) * 10);
            // half the closed-loop window: latency percentiles settle sooner than throughput does
            FixedRateProbe.Result open = FixedRateProbe.run(vertx, throughEdge ? edge : direct, scenario.paths(), rate,
                    Math.max(1, seconds / 2), connections, null);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("scenario", "http-fixed-rate");
            figures.put("name", scenario.name());
            figures.put("via", throughEdge ? "edge" : "direct");
            figures.put("ratePerSecond", rate);
            figures.put("sent", open.sent());
            figures.put("ok", open.ok());
            figures.put("failed", open.failed());
            figures.put("unanswered", open.late());
            figures.put("p50Ms", open.p50Ms());
            figures.put("p90Ms", open.p90Ms());
            figures.put("p99Ms", open.p99Ms());
            figures.put("p999Ms", open.p999Ms());
            figures.put("maxMs", open.maxMs());
            results.detail(figures);
            results.row(scenario.name() + " fixed rate (" + (throughEdge ? "edge" : "own port") + ")",
                    String.format(Locale.ROOT, "%,.0f req/s offered: p50 %.1f ms, p99 %.1f ms, %d failed", rate,
                            open.p50Ms(), open.p99Ms(), open.failed() + open.late()),
                    rate >= scenario.targetRps() ? String.format(Locale.ROOT, "p99 ≤ %.0f ms", scenario.targetP99Ms())
                            : "(below target rate: report)",
                    throughEdge && rate >= scenario.targetRps()
                            ? open.p99Ms() <= scenario.targetP99Ms() && open.failed() + open.late() == 0 : null);
        }
    }

    private Map<String, Object> measure(Scenario scenario, String via, String url, Path paths, boolean throughEdge,
                                        int seconds) throws Exception {
        long servicePid = stack.pid(scenario.service());
        long serviceBefore = Proc.cpuMicros(servicePid);
        long edgeBefore = Proc.cpuMicros(stack.edgePid());
        Map<Long, Long> dbBefore = database == null ? Map.of() : database.snapshot();
        Wrk.Result run = wrk.run(url, paths, connections, 2, seconds, null);
        long serviceCpu = Proc.cpuMicros(servicePid) - serviceBefore;
        long edgeCpu = Proc.cpuMicros(stack.edgePid()) - edgeBefore;
        long dbCpu = database == null ? -1 : DatabaseCpu.between(dbBefore, database.snapshot());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", "http");
        figures.put("name", scenario.name());
        figures.put("via", via);
        figures.put("connections", connections);
        figures.put("seconds", Results.round1(run.seconds()));
        figures.put("requests", run.requests());
        figures.put("requestsPerSecond", (double) Math.round(run.requestsPerSecond()));
        figures.put("p50Ms", run.p50Ms());
        figures.put("p90Ms", run.p90Ms());
        figures.put("p99Ms", run.p99Ms());
        figures.put("p999Ms", run.p999Ms());
        figures.put("maxMs", run.maxMs());
        figures.put("errors", run.errors());
        figures.put("non2xx", run.non2xx());
        figures.put("serviceCpuMicrosPerRequest", perRequest(servicePid > 0 ? serviceCpu : -1, run.requests()));
        figures.put("databaseCpuMicrosPerRequest", perRequest(dbCpu, run.requests()));
        figures.put("edgeCpuMicrosPerRequest", throughEdge ? perRequest(stack.edgePid() > 0 ? edgeCpu : -1, run.requests()) : null);
        figures.put("generatorCpuMicrosPerRequest", perRequest(run.generatorCpuMicros(), run.requests()));
        // raw sums, for merge()
        figures.put("serviceCpuMicros", servicePid > 0 ? serviceCpu : -1);
        figures.put("databaseCpuMicros", dbCpu);
        figures.put("edgeCpuMicros", throughEdge && stack.edgePid() > 0 ? edgeCpu : -1);
        figures.put("generatorCpuMicros", run.generatorCpuMicros());
        return figures;
    }

    /**
     * Two halves of one measurement as one: requests, seconds and CPU add up; a percentile is the larger of the two
     * halves' (wrk reports percentiles, not its histogram, so this errs on the slow side).
     */
    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        long requests = (long) a.get("requests") + (long) b.get("requests");
        double seconds = (double) a.get("seconds") + (double) b.get("seconds");
        m.put("seconds", Results.round1(seconds));
        m.put("requests", requests);
        m.put("requestsPerSecond", (double) Math.round(requests / seconds));
        for (String p : List.of("p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs")) {
            m.put(p, Math.max((double) a.get(p), (double) b.get(p)));
        }
        m.put("errors", (long) a.get("errors") + (long) b.get("errors"));
        m.put("non2xx", (long) a.get("non2xx") + (long) b.get("non2xx"));
        for (String cpu : List.of("service", "database", "edge", "generator")) {
            long x = (long) a.get(cpu + "CpuMicros");
            long y = (long) b.get(cpu + "CpuMicros");
            m.put(cpu + "CpuMicrosPerRequest", x < 0 || y < 0 ? null : perRequest(x + y, requests));
            m.remove(cpu + "CpuMicros");
        }
        return m;
    }

    private static Double perRequest(long micros, long requests) {
        return micros < 0 || requests == 0 ? null : Results.round1((double) micros / requests);
    }

    private static String cpuText(Map<String, Object> figures) {
        StringBuilder text = new StringBuilder();
        text.append("service ").append(figures.get("serviceCpuMicrosPerRequest")).append(" µs");
        if (figures.get("databaseCpuMicrosPerRequest") != null) {
            text.append(" + db ").append(figures.get("databaseCpuMicrosPerRequest"));
        }
        if (figures.get("edgeCpuMicrosPerRequest") != null) {
            text.append(" + edge ").append(figures.get("edgeCpuMicrosPerRequest"));
        }
        return text.toString();
    }
}
