package com.streambazaar.launcher;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The local stand-in for the Kubernetes Ingress: one base URL (port 3000, the seed system's port, so its
 * clients work unchanged) in front of the five services, routed by {@link RouteTable}.
 *
 * <p>Before routing, the edge checks the request and normalises its path ({@link PathNormalizer}), so it routes
 * on exactly the path the service will see. It answers itself what no service owns, always in JSON with CORS
 * headers ({@link EdgeAnswers}): {@code /health}, unknown routes (404), requests it refuses (400, 414, 431, 501),
 * unreachable or slow services (502, 504) and browsers' preflights for those paths. Everything else goes to the
 * service: plain HTTP through {@link HttpForwarder}, WebSocket upgrades through {@link WebSocketForwarder}. A
 * service may run as several replicas (realtime): {@link Upstream} picks one per request (Engine.IO affinity by
 * {@code sid}, else round robin) and the forwarders skip one that refuses the connection.
 */
public final class EdgeRouter implements AutoCloseable {

    /**
     * One per core of the machine we develop on. Each runs its own HTTP server on the shared port (Vert.x hands
     * accepted connections to them in turn) and its own clients to the services, so an exchange never leaves the
     * event loop it arrived on: a single server instance would put the whole edge on one event loop, whatever the
     * pool size says.
     */
    static final int EVENT_LOOPS = 2;
    /** Connections per service and event loop for REST; waiting for one counts against the request's timeout. */
    private static final int REST_POOL_SIZE = 64;
    /** Long-polls hold their connection for up to half a minute each, so they get their own, larger pool. */
    private static final int LONG_POLL_POOL_SIZE = 1024;
    /** Upgraded WebSockets are not pooled but counted; the edge should not be what limits them. */
    private static final int MAX_WEBSOCKETS_PER_SERVICE = 100_000;
    /**
     * Frames are relayed whole, so the edge holds one at a time: 1 MiB, Engine.IO's default largest message, so
     * that the edge is never the narrower limit (Vert.x's default is 64 KiB).
     */
    private static final int MAX_WEBSOCKET_FRAME = 1024 * 1024;

    private final Map<String, Upstream> upstreams;
    private final EdgeSettings settings;
    private final EdgeAnswers answers;
    private final Consumer<String> accessLog;
    private final Vertx vertx;
    private final HttpClientOptions upstreamOptions;
    private final WebSocketClientOptions webSocketOptions;
    private final NetClient probes;
    private volatile ApiDocument apiDocument;

    /**
     * An edge in front of services with one process each.
     *
     * @param origins   where each service of {@link RouteTable} listens; a service missing here answers 502
     * @param settings  timeouts and request limits
     * @param cors      the CORS rules of the edge's own answers
     * @param accessLog receives one line per request (the launcher writes them to {@code logs/edge.log})
     */
    public EdgeRouter(Map<String, SocketAddress> origins, EdgeSettings settings, CorsSettings cors, Consumer<String> accessLog) {
        this(settings, cors, accessLog, singleReplicas(origins));
    }

    /**
     * An edge in front of services some of which run as several replicas (realtime): see {@link Upstream} for how
     * a request picks one.
     *
     * @param replicas every service's replicas, in order; a service missing here answers 502
     */
    static EdgeRouter withReplicas(Map<String, List<Upstream.Replica>> replicas, EdgeSettings settings, CorsSettings cors,
                                   Consumer<String> accessLog) {
        return new EdgeRouter(settings, cors, accessLog, replicas);
    }

    private EdgeRouter(EdgeSettings settings, CorsSettings cors, Consumer<String> accessLog, Map<String, List<Upstream.Replica>> replicas) {
        this.settings = Objects.requireNonNull(settings);
        this.answers = new EdgeAnswers(new CorsPolicy(cors));
        this.accessLog = Objects.requireNonNull(accessLog);
        Map<String, Upstream> byService = new HashMap<>();
        replicas.forEach((service, members) -> byService.put(service, new Upstream(service, members, accessLog)));
        this.upstreams = Map.copyOf(byService);
        // as many event loops as the 2-core machine has cores; the edge does no blocking work, so the worker pools stay small
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(EVENT_LOOPS)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        int connectTimeout = (int) settings.connectTimeout().toMillis();
        upstreamOptions = new HttpClientOptions()
                .setKeepAlive(true)
                // a stopped service is refused at once; a hung one must not hold the client for long
                .setConnectTimeout(connectTimeout);
        webSocketOptions = new WebSocketClientOptions()
                .setConnectTimeout(connectTimeout)
                .setMaxFrameSize(MAX_WEBSOCKET_FRAME)
                .setMaxConnections(MAX_WEBSOCKETS_PER_SERVICE);
        probes = vertx.createNetClient(new NetClientOptions().setConnectTimeout(connectTimeout));
        if (upstreams.values().stream().anyMatch(u -> u.replicas().size() > 1)) {
            vertx.setPeriodic(Upstream.PROBE_EVERY_MILLIS, id -> upstreams.values().forEach(u -> u.probe(probes)));
        }
    }

    /** Serves {@code file} (the merged {@code docs/openapi.yaml}) at {@code GET /docs/openapi}; see {@link ApiDocument}. */
    public EdgeRouter servingApiDocument(Path file) {
        this.apiDocument = new ApiDocument(file, answers);
        return this;
    }

    private static Map<String, List<Upstream.Replica>> singleReplicas(Map<String, SocketAddress> origins) {
        Map<String, List<Upstream.Replica>> replicas = new HashMap<>();
        origins.forEach((service, origin) -> replicas.put(service, List.of(new Upstream.Replica(service, origin))));
        return replicas;
    }

    /**
     * Binds the router on every event loop and returns the port it listens on (pass 0 for any free port, as tests do).
     */
    public int start(String host, int port) throws Exception {
        // Vert.x shares one listening socket among servers of the same port; "any port" is -1 then, not 0, which
        // would give each its own
        int shared = port == 0 ? -1 : port;
        EventLoopServer first = new EventLoopServer(host, shared);
        deploy(first);
        for (int i = 1; i < EVENT_LOOPS; i++) {
            deploy(new EventLoopServer(host, shared));
        }
        return first.actualPort;
    }

    private void deploy(EventLoopServer server) throws Exception {
        vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * One event loop's share of the edge: its HTTP server on the shared port and its own clients to the services, so
     * that every exchange, pooled connection included, stays on this event loop.
     */
    private final class EventLoopServer extends AbstractVerticle {

        private final String host;
        private final int port;
        private HttpForwarder rest;
        private HttpForwarder longPolls;
        private WebSocketForwarder webSockets;
        private volatile int actualPort;

        EventLoopServer(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        public void start(Promise<Void> started) {
            rest = new HttpForwarder(vertx, vertx.createHttpClient(upstreamOptions, new PoolOptions().setHttp1MaxSize(REST_POOL_SIZE)),
                    settings.requestTimeout(), answers);
            longPolls = new HttpForwarder(vertx, vertx.createHttpClient(upstreamOptions, new PoolOptions().setHttp1MaxSize(LONG_POLL_POOL_SIZE)),
                    settings.socketTimeout(), answers);
            webSockets = new WebSocketForwarder(vertx, vertx.createWebSocketClient(webSocketOptions), settings.requestTimeout(), answers);
            vertx.createHttpServer(serverOptions(host, port))
                    .requestHandler(request -> handle(request, this))
                    .invalidRequestHandler(EdgeRouter.this::handleInvalid)
                    .listen()
                    .onSuccess(server -> {
                        actualPort = server.actualPort();
                        started.complete();
                    })
                    .onFailure(started::fail);
        }
    }

    private static HttpServerOptions serverOptions(String host, int port) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // bodies are streamed to the service; only Expect: 100-continue is the service's call
                .setHandle100ContinueAutomatically(false)
                // the edge speaks HTTP/1.1 to clients, like the Ingress; an "Upgrade: h2c" is just a header
                .setHttp2ClearTextEnabled(false)
                // frames are relayed one by one: compressing them here would only cost the edge's CPU
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_FRAME)
                // any offered sub-protocol may be selected: WebSocketForwarder leaves only the service's choice
                .setWebSocketSubProtocols(List.of("*"))
                // far above our own limits, so the edge refuses oversized requests itself, in JSON with CORS
                .setMaxInitialLineLength(EdgeSettings.DECODER_LIMIT)
                .setMaxHeaderSize(EdgeSettings.DECODER_LIMIT);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing on the way out: nothing useful left to do with a failure here
        }
    }

    private void handle(HttpServerRequest request, EventLoopServer loop) {
        long started = System.nanoTime();
        String path;
        try {
            checkLimits(request);
            path = PathNormalizer.normalize(request.path());
            PathNormalizer.checkQuery(request.query());
        } catch (RejectedRequest rejected) {
            answers.rejected(request, rejected);
            log(request, "-", rejected.status(), started);
            return;
        }
        HttpMethod method = request.method();
        if ("/health".equals(path) && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
            answers.health(request);
            log(request, "-", 200, started);
            return;
        }
        if (apiDocument != null && ApiDocument.isRequestFor(path, method)) {
            apiDocument.answer(vertx, request, () -> log(request, "-", request.response().getStatusCode(), started));
            return;
        }
        String query = request.query();
        Optional<Route> route = RouteTable.resolve(query == null ? path : path + "?" + query);
        if (route.isEmpty()) {
            if (CorsPolicy.isPreflight(request)) {
                answers.cors().answerPreflight(request);
                log(request, "-", 204, started);
            } else {
                answers.error(request, 404, "Not Found", "Route " + method + " " + path + " not found");
                log(request, "-", 404, started);
            }
            return;
        }
        forward(request, route.get(), started, loop);
    }

    private void forward(HttpServerRequest request, Route route, long started, EventLoopServer loop) {
        String service = route.service();
        Upstream upstream = upstreams.get(service);
        if (upstream == null) {
            request.response().headersEndHandler(v -> log(request, service, request.response().getStatusCode(), started));
            answers.error(request, 502, "Bad Gateway", service + " is not reachable");
            return;
        }
        Upstream.Choice choice = upstream.choose(request.query());
        request.response().headersEndHandler(v -> log(request, choice.target(), request.response().getStatusCode(), started));
        if (WebSocketForwarder.isUpgrade(request)) {
            loop.webSockets.forward(request, choice, route.upstreamUri(), () -> log(request, choice.target(), 101, started));
            return;
        }
        if (!isSupportedTransferEncoding(request)) {
            answers.error(request, 501, "Not Implemented", "Transfer-Encoding other than chunked is not supported");
            return;
        }
        (route.longLived() ? loop.longPolls : loop.rest).forward(request, choice, route.upstreamUri());
    }

    private void checkLimits(HttpServerRequest request) {
        if (request.uri().length() > settings.maxUriLength()) {
            throw new RejectedRequest(414, "URI Too Long", "The request URI is longer than " + settings.maxUriLength() + " characters");
        }
        HeaderSize size = new HeaderSize();
        request.headers().forEach(size);
        if (size.bytes > settings.maxHeaderSize()) {
            throw new RejectedRequest(431, "Request Header Fields Too Large",
                    "The request headers are larger than " + settings.maxHeaderSize() + " bytes");
        }
    }

    /** Requests Vert.x could not decode at all (beyond even its raised limits, or not HTTP): still a JSON answer. */
    private void handleInvalid(HttpServerRequest request) {
        long started = System.nanoTime();
        Throwable cause = request.decoderResult().cause();
        RejectedRequest rejected;
        if (cause instanceof TooLongHttpLineException) {
            rejected = new RejectedRequest(414, "URI Too Long", "The request line is longer than " + EdgeSettings.DECODER_LIMIT + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            rejected = new RejectedRequest(431, "Request Header Fields Too Large",
                    "The request headers are larger than " + EdgeSettings.DECODER_LIMIT + " bytes");
        } else {
            rejected = RejectedRequest.badRequest("The request is not valid HTTP/1.1");
        }
        // Vert.x closes the connection after this answer: nothing after a malformed request can be trusted
        answers.rejected(request, rejected);
        accessLog.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " (invalid request) -> - " + rejected.status() + " "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + "ms");
    }

    /** chunked or none; anything else (gzip, a list) the edge would have to decode to frame the body. */
    private static boolean isSupportedTransferEncoding(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding == null || encoding.trim().equalsIgnoreCase("chunked");
    }

    private void log(HttpServerRequest request, String service, int status, long startedNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        String query = request.query();
        accessLog.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + request.method() + " "
                + (query == null ? request.path() : request.path() + "?" + query)
                + " -> " + service + " " + status + " " + millis + "ms");
    }

    /** The size of a header section as it was on the wire: "name: value\r\n" per header. */
    private static final class HeaderSize implements BiConsumer<String, String> {
        int bytes;

        @Override
        public void accept(String name, String value) {
            bytes += name.length() + value.length() + 4;
        }
    }
}
