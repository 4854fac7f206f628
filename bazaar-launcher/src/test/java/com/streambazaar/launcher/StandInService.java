package com.streambazaar.launcher;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A service the edge forwards to, on a real port: it counts the connections the edge holds open to it and
 * records the URI of every request it got, so tests can see what crossed the edge and what it left behind.
 */
final class StandInService implements AutoCloseable {

    private final HttpServer server;
    private final int port;
    private final AtomicInteger openConnections;
    private final List<String> receivedUris;

    private StandInService(HttpServer server, int port, AtomicInteger openConnections, List<String> receivedUris) {
        this.server = server;
        this.port = port;
        this.openConnections = openConnections;
        this.receivedUris = receivedUris;
    }

    /** {@code requests} gets WebSocket upgrades too: it accepts one with {@code request.toWebSocket()}, as a service would. */
    static StandInService start(Vertx vertx, Handler<HttpServerRequest> requests) {
        return start(vertx, 0, requests);
    }

    /** On a given port (0: any free one), e.g. a replica coming back where it was. */
    static StandInService start(Vertx vertx, int port, Handler<HttpServerRequest> requests) {
        AtomicInteger open = new AtomicInteger();
        List<String> uris = new CopyOnWriteArrayList<>();
        // frames as large as the edge relays (Vert.x's default is 64 KiB); realtime-service's sub-protocol
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                        .setMaxWebSocketFrameSize(1024 * 1024)
                        .setWebSocketSubProtocols(List.of("bazaar")))
                .connectionHandler(connection -> {
                    open.incrementAndGet();
                    connection.closeHandler(v -> open.decrementAndGet());
                })
                .requestHandler(request -> {
                    uris.add(request.uri());
                    requests.handle(request);
                });
        return new StandInService(server, await(server.listen(port, "127.0.0.1")).actualPort(), open, uris);
    }

    SocketAddress address() {
        return SocketAddress.inetSocketAddress(port, "127.0.0.1");
    }

    int openConnections() {
        return openConnections.get();
    }

    List<String> receivedUris() {
        return receivedUris;
    }

    /** Waits up to {@code millis} for the open-connection count to satisfy {@code condition}; returns the last count. */
    int awaitOpenConnections(IntPredicate condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int open = openConnections();
        while (!condition.test(open) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            open = openConnections();
        }
        return open;
    }

    @Override
    public void close() {
        await(server.close());
    }

    static <T> T await(Future<T> future) {
        return join(future.toCompletionStage().toCompletableFuture());
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
