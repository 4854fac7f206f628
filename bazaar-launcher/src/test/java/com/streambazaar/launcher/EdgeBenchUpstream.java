package com.streambazaar.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * A program, not a test: a stand-in service that answers every request with one fixed product JSON, so that wrk
 * against it directly and through the edge shows what the edge itself costs. With a second argument it spends that
 * many microseconds of CPU on each request first, like a real service does (catalog-service's product by id costs
 * the machine about 190 µs a request, its database included). Run it on the port the edge sends catalog to (see the
 * launcher README, "The edge's speed"):
 *
 * <pre>
 * java -Xmx256m -XX:+UseSerialGC -cp bazaar-launcher/target/bazaar-launcher.jar:bazaar-launcher/target/test-classes \
 *     com.streambazaar.launcher.EdgeBenchUpstream 28083 [cpu-microseconds-per-request]
 * </pre>
 */
public final class EdgeBenchUpstream {

    private static final Buffer PRODUCT = Buffer.buffer("{\"success\":true,\"data\":{\"id\":\"5f0c2a4e-8f5b-4a51-9d3e-1c2b3a4d5e6f\","
            + "\"name\":\"Ceramic pour-over set\",\"description\":\"Hand-glazed dripper, carafe and two cups\",\"price\":49.9,"
            + "\"currency\":\"EUR\",\"stock\":12,\"category\":\"kitchen\",\"sellerId\":\"7\",\"active\":true,"
            + "\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"updatedAt\":\"2025-01-01T10:00:00.000Z\"}}");

    private EdgeBenchUpstream() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 28083;
        long workNanos = args.length > 1 ? Long.parseLong(args[1]) * 1_000 : 0;
        CharSequence json = HttpHeaders.createOptimized("application/json;charset=UTF-8");
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(request -> {
                    if (workNanos > 0) {
                        spend(workNanos);
                    }
                    request.response().putHeader(HttpHeaders.CONTENT_TYPE, json).end(PRODUCT);
                })
                .listen(port, "127.0.0.1")
                .onSuccess(server -> System.out.println("stand-in upstream on 127.0.0.1:" + server.actualPort()))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    /** Busy for this much of the thread's own CPU time (not wall time: the machine is shared). */
    private static void spend(long nanos) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + nanos;
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 200; i++) {
                sink += i * 31L ^ sink;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
    }
}
