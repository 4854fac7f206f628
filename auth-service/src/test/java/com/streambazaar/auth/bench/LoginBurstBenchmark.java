package com.streambazaar.auth.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Not a test (never runs in verify): a burst of concurrent logins against a running auth-service, while a probe
 * measures the latency of a cheap request on the same service. Prints login throughput and the probe's p50/p99
 * before and during the burst. Only talks to the base URL given (default http://127.0.0.1:8081); every loop is
 * bounded. See the module README for how to start the service for it.
 *
 * <pre>java -cp auth-service/target/test-classes com.streambazaar.auth.bench.LoginBurstBenchmark
 *        [baseUrl] [logins=400] [concurrency=32] [probePath=/.well-known/jwks.json]</pre>
 */
public final class LoginBurstBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        int logins = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        String probePath = args.length > 3 ? args[3] : "/.well-known/jwks.json";
        if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[?::1]?")) {
            throw new IllegalArgumentException("This benchmark only targets a service on this machine (loopback)");
        }
        HttpClient loginClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpClient probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        // a few accounts to log in with (registration hashes too: done before measuring)
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String[]> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String username = "bench_" + run + "_" + i;
            String password = "bench-password-" + i;
            String body = "{\"username\":\"" + username + "\",\"email\":\"" + username + "@bench.test\",\"password\":\""
                    + password + "\"}";
            HttpResponse<String> response = loginClient.send(post(base + "/api/auth/register", body),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
            }
            accounts.add(new String[] {username, password});
        }

        // warm-up: JIT, connection pools
        for (int i = 0; i < 20; i++) {
            String[] account = accounts.get(i % accounts.size());
            loginClient.send(post(base + "/api/auth/login", loginBody(account)), HttpResponse.BodyHandlers.discarding());
        }
        probe(probeClient, base + probePath, Duration.ofSeconds(2), new AtomicBoolean(true));

        List<Long> idle = probe(probeClient, base + probePath, Duration.ofSeconds(5), new AtomicBoolean(true));

        AtomicBoolean bursting = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> loginLatencies = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(logins);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<List<Long>> duringBurst = new AtomicReference<>(List.of());
        Thread prober = new Thread(() -> duringBurst.set(probe(probeClient, base + probePath, Duration.ofMinutes(5), bursting)));
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        prober.start();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.execute(() -> {
                try {
                    while (remaining.getAndDecrement() > 0) {
                        String[] account = accounts.get((worker + remaining.get()) % accounts.size());
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<Void> response = loginClient.send(post(base + "/api/auth/login", loginBody(account)),
                                    HttpResponse.BodyHandlers.discarding());
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
        bursting.set(false);
        prober.join();
        workers.shutdown();

        List<Long> loginTimes = new ArrayList<>(loginLatencies);
        System.out.printf(Locale.ROOT, "logins: %d in %.2f s with %d concurrent clients, %d failed%n", logins, seconds,
                concurrency, failures.get());
        System.out.printf(Locale.ROOT, "login throughput: %.1f logins/s; login latency p50 %.1f ms, p99 %.1f ms%n",
                logins / seconds, percentile(loginTimes, 50), percentile(loginTimes, 99));
        System.out.printf(Locale.ROOT, "cheap request GET %s idle:        n=%d p50 %.2f ms, p99 %.2f ms%n", probePath,
                idle.size(), percentile(idle, 50), percentile(idle, 99));
        System.out.printf(Locale.ROOT, "cheap request GET %s during burst: n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                probePath, duringBurst.get().size(), percentile(duringBurst.get(), 50), percentile(duringBurst.get(), 99),
                percentile(duringBurst.get(), 100));
        System.exit(failures.get() == 0 ? 0 : 1);
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

    private static String loginBody(String[] account) {
        return "{\"username\":\"" + account[0] + "\",\"password\":\"" + account[1] + "\"}";
    }

    private static double percentile(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
