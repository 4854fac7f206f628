package com.streambazaar.launcher;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local stand-in for the Kubernetes Ingress: one base URL (port 3000, the seed system's port, so its
 * clients work unchanged) in front of the five services, routed by {@link RouteTable}.
 *
 * <p>The forwarding is done by Vert.x's reverse proxy ({@code vertx-http-proxy}), which streams bodies,
 * tunnels WebSocket upgrades ({@code /ws}, Socket.IO) and passes Socket.IO long-polling as ordinary
 * requests. This class only decides where a request goes and answers what no service owns: {@code /health},
 * unknown routes (404) and unreachable services (502), in the JSON shapes the seed system's clients read.
 */
public final class EdgeRouter implements AutoCloseable {

    private static final String JSON = "application/json; charset=utf-8";
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");

    private final Map<String, SocketAddress> origins;
    private final Consumer<String> accessLog;
    private final Vertx vertx;
    private HttpServer server;

    /**
     * @param origins   where each service of {@link RouteTable} listens; a service missing here answers 502
     * @param accessLog receives one line per request (the launcher writes them to {@code logs/edge.log})
     */
    public EdgeRouter(Map<String, SocketAddress> origins, Consumer<String> accessLog) {
        this.origins = Map.copyOf(origins);
        this.accessLog = Objects.requireNonNull(accessLog);
        // Two event loops are plenty for a developer's traffic and keep the launcher's footprint small on
        // a 2-core machine that also runs a broker and five JVMs.
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
    }

    /**
     * Binds the router and returns the port it listens on (pass 0 for any free port, as tests do).
     */
    public int start(String host, int port) throws Exception {
        HttpClient upstream = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                // a stopped service is refused at once; a hung one must not hold the client for long
                .setConnectTimeout(3_000));
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), upstream)
                .origin(OriginRequestProvider.selector(this::selectOrigin))
                .addInterceptor(new UpstreamRequestInterceptor());

        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(host)
                        .setPort(port)
                        // bodies are streamed to the service; only Expect: 100-continue is the service's call
                        .setHandle100ContinueAutomatically(false))
                .requestHandler(request -> handle(request, proxy));
        return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing on the way out: nothing useful left to do with a failure here
        }
    }

    private void handle(HttpServerRequest request, HttpProxy proxy) {
        long started = System.nanoTime();
        String path = request.path();
        if ("/health".equals(path) && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            respond(request, 200, new JsonObject()
                    .put("status", "ok")
                    .put("message", "Stream Bazaar edge is running")
                    .put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                    .put("environment", "local"));
            return;
        }
        Optional<Route> route = RouteTable.resolve(uriOf(request));
        if (route.isEmpty()) {
            respond(request, 404, error("Not Found", "Route " + request.method() + " " + path + " not found"));
            log(request, "-", 404, started);
            return;
        }
        String service = route.get().service();
        request.response().headersEndHandler(v -> log(request, service, request.response().getStatusCode(), started));
        addForwardedHeaders(request);
        proxy.handle(request);
    }

    /**
     * Tells the service who really asked: the request reaches it from the edge's own address, and
     * auth-service's rate limits and the audit log need the client's. Both the proxied HTTP request and the
     * WebSocket tunnel copy the incoming headers, so setting them here covers both.
     */
    private static void addForwardedHeaders(HttpServerRequest request) {
        MultiMap headers = request.headers();
        SocketAddress client = request.remoteAddress();
        if (client != null && client.hostAddress() != null) {
            String previous = headers.get(X_FORWARDED_FOR);
            headers.set(X_FORWARDED_FOR, previous == null ? client.hostAddress() : previous + ", " + client.hostAddress());
        }
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, request.isSSL() ? "https" : "http");
        }
        HostAndPort authority = request.authority();
        if (!headers.contains(X_FORWARDED_HOST) && authority != null) {
            headers.set(X_FORWARDED_HOST, authority.toString());
        }
    }

    /** The origin selector: the same table decides again from the proxied request (it is a few string compares). */
    private Future<SocketAddress> selectOrigin(ProxyContext context) {
        Optional<SocketAddress> origin = RouteTable.resolve(uriOf(context.request().proxiedRequest()))
                .map(route -> origins.get(route.service()));
        return origin.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture("no origin for " + context.request().getURI()));
    }

    /**
     * Rewrites the URI where the table says so ({@code /docs/{service}/openapi}) and turns a failed
     * connection into the JSON 502 clients can show, instead of the library's empty 502.
     */
    private static final class UpstreamRequestInterceptor implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            Optional<Route> route = RouteTable.resolve(uriOf(context.request().proxiedRequest()));
            route.ifPresent(r -> context.request().setURI(r.upstreamUri()));
            String service = route.map(Route::service).orElse("the service");
            return context.sendRequest().recover(failure -> {
                Buffer body = error("Bad Gateway", service + " is not reachable").toBuffer();
                return Future.succeededFuture(context.request().release().response()
                        .setStatusCode(502)
                        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .setBody(Body.body(body)));
            });
        }
    }

    private static String uriOf(HttpServerRequest request) {
        // path() and query() rather than uri(): uri() may be absolute-form ("GET http://host/x")
        String query = request.query();
        return query == null ? request.path() : request.path() + "?" + query;
    }

    private static JsonObject error(String error, String message) {
        return new JsonObject().put("success", false).put("error", error).put("message", message);
    }

    private static void respond(HttpServerRequest request, int status, JsonObject body) {
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(body.toBuffer());
    }

    private void log(HttpServerRequest request, String service, int status, long startedNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        accessLog.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + request.method() + " " + uriOf(request)
                + " -> " + service + " " + status + " " + millis + "ms");
    }
}
