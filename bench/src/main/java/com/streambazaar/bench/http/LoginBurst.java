package com.streambazaar.bench.http;

import com.streambazaar.bench.core.Proc;
import com.streambazaar.bench.core.Results;
import com.streambazaar.bench.stack.Seeder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A burst of concurrent logins (bcrypt, the most CPU a request can cost) while a probe measures a cheap request on
 * the same service (the JWKS document), sequentially, one every ~10 ms: its p50/p99 idle and during the burst.
 * Moved here from auth-service's test sources; the accounts come from the seeder.
 */
public final class LoginBurst {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PROBE = "/.well-known/jwks.json";

    private LoginBurst() {
    }

    public static Map<String, Object> run(String via, String base, List<Seeder.Account> accounts, int logins,
                                          int concurrency, int idleSeconds, boolean smoke, long authPid) throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient loginClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads).connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // warm-up: JIT, connection pools
        for (int i = 0; i < (smoke ? 3 : 10); i++) {
            loginClient.send(post(base + "/api/auth/login", loginBody(accounts.get(i % accounts.size()))),
                    HttpResponse.BodyHandlers.discarding());
        }
        probe(probeClient, base + PROBE, Duration.ofMillis(smoke ? 300 : 2000), new AtomicBoolean(true));
        List<Long> idle = probe(probeClient, base + PROBE, Duration.ofSeconds(idleSeconds), new AtomicBoolean(true));

        AtomicBoolean bursting = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> loginLatencies = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(logins);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<List<Long>> duringBurst = new AtomicReference<>(List.of());
        Thread prober = new Thread(() -> duringBurst.set(probe(probeClient, base + PROBE, Duration.ofMinutes(5), bursting)));
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        long cpuBefore = Proc.cpuMicros(authPid);
        long start = System.nanoTime();
        prober.start();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.execute(() -> {
                try {
                    int left;
                    while ((left = remaining.getAndDecrement()) > 0) {
                        Seeder.Account account = accounts.get((worker + left) % accounts.size());
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> response = loginClient.send(post(base + "/api/auth/login",
                                    loginBody(account)), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        loginLatencies.add(System.nanoTime() - t0);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = Proc.cpuMicros(authPid) - cpuBefore;
        bursting.set(false);
        prober.join();
        workers.shutdown();
        clientThreads.shutdown();

        List<Long> loginTimes = new ArrayList<>(loginLatencies);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", "login-burst");
        figures.put("via", via);
        figures.put("logins", logins);
        figures.put("concurrency", concurrency);
        figures.put("failed", failures.get());
        figures.put("seconds", Results.round2(seconds));
        figures.put("loginsPerSecond", Results.round1(logins / seconds));
        figures.put("loginP50Ms", percentile(loginTimes, 50));
        figures.put("loginP99Ms", percentile(loginTimes, 99));
        figures.put("serviceCpuMillisPerLogin", authPid > 0 ? Results.round2(cpu / 1000.0 / logins) : null);
        figures.put("probe", "GET " + PROBE);
        figures.put("probeIdleCount", idle.size());
        figures.put("probeIdleP50Ms", percentile(idle, 50));
        figures.put("probeIdleP99Ms", percentile(idle, 99));
        figures.put("probeBurstCount", duringBurst.get().size());
        figures.put("probeBurstP50Ms", percentile(duringBurst.get(), 50));
        figures.put("probeBurstP99Ms", percentile(duringBurst.get(), 99));
        figures.put("probeBurstMaxMs", percentile(duringBurst.get(), 100));
        double ratio = percentile(duringBurst.get(), 99) / percentile(idle, 99);
        figures.put("probeP99Ratio", Results.round2(ratio));
        return figures;
    }

    /** Sequential cheap requests, one every ~10 ms, until the time is up or the flag drops; latencies in ns. */
    private static List<Long> probe(HttpClient client, String url, Duration atMost, AtomicBoolean keepGoing) {
        List<Long> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        while (keepGoing.get() && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    latencies.add(System.nanoTime() - t0);
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                latencies.add(System.nanoTime() - t0);
            }
        }
        return latencies;
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String loginBody(Seeder.Account account) {
        return "{\"username\":\"" + account.username() + "\",\"password\":\"" + account.password() + "\"}";
    }

    static double percentile(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 10_000.0) / 100.0;
    }

    public static void report(Results results, Map<String, Object> figures) {
        results.detail(figures);
        double ratio = (double) figures.get("probeP99Ratio");
        results.row("POST /api/auth/login burst (" + figures.get("via") + ")", String.format(Locale.ROOT,
                        "%.1f logins/s (%s ms CPU each); GET p99 %.1f ms idle → %.1f ms in burst (%.1f×)",
                        figures.get("loginsPerSecond"), figures.get("serviceCpuMillisPerLogin"),
                        figures.get("probeIdleP99Ms"), figures.get("probeBurstP99Ms"), ratio),
                "GET p99 ≤ 2× idle", "edge".equals(figures.get("via")) || "direct".equals(figures.get("via"))
                        ? ratio <= 2.0 && (int) figures.get("failed") == 0 : null);
    }
}
