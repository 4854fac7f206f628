package com.streambazaar.bench.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop HTTP load at a fixed rate (what wrk2 would do): request i is due at start + i / rate, and its latency is
 * measured from when it was due, not from when a connection was free to send it, so a stall of the server shows in
 * every request it delayed (no coordinated omission). A Vert.x client on one event loop, keep-alive connections up to
 * the given number, HdrHistogram in microseconds.
 */
public final class FixedRateProbe {

    public record Result(double rate, long sent, long ok, long failed, long late, double seconds, double p50Ms,
                         double p90Ms, double p99Ms, double p999Ms, double maxMs) {
    }

    private FixedRateProbe() {
    }

    public static Result run(Vertx vertx, String baseUrl, List<String> paths, double rate, int seconds,
                             int connections, String authorization) throws Exception {
        URI uri = URI.create(baseUrl);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(5000).setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(connections)
                .setMaxWaitQueueSize(-1));
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long total = Math.round(rate * seconds);
        double intervalNanos = 1e9 / rate;
        CompletableFuture<Long> sentAll = new CompletableFuture<>();
        long[] issued = {0};
        long start = System.nanoTime() + 50_000_000L;
        vertx.runOnContext(v -> vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (issued[0] < total) {
                long due = start + Math.round(issued[0] * intervalNanos);
                if (due > now) {
                    break;
                }
                String path = paths.get((int) (issued[0] % paths.size()));
                issued[0]++;
                outstanding.incrementAndGet();
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
                        .setPort(uri.getPort()).setURI(path).setTimeout(30_000);
                if (authorization != null) {
                    options.putHeader("Authorization", authorization);
                }
                client.request(options).compose(request -> request.send().compose(response ->
                                response.body().map(body -> response.statusCode())))
                        .onComplete(done -> {
                            long took = (System.nanoTime() - due) / 1000;
                            synchronized (histogram) {
                                histogram.recordValue(Math.min(took, histogram.getHighestTrackableValue()));
                            }
                            if (done.succeeded() && done.result() < 400) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            outstanding.decrementAndGet();
                        });
            }
            if (issued[0] >= total) {
                vertx.cancelTimer(timer);
                sentAll.complete(issued[0]);
            }
        }));
        long sent = sentAll.get(seconds + 30L, TimeUnit.SECONDS);
        long end = System.nanoTime();
        long drainUntil = end + TimeUnit.SECONDS.toNanos(15);
        while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        long late = outstanding.get();
        client.close();
        double p = 1000.0;
        synchronized (histogram) {
            return new Result(rate, sent, ok.get(), failed.get(), late, (end - start) / 1e9,
                    histogram.getValueAtPercentile(50) / p, histogram.getValueAtPercentile(90) / p,
                    histogram.getValueAtPercentile(99) / p, histogram.getValueAtPercentile(99.9) / p,
                    histogram.getMaxValue() / p);
        }
    }
}
