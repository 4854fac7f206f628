package com.streambazaar.launcher;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;

import java.time.Duration;

/**
 * Forwards one plain HTTP exchange to a service (the first of its replicas that accepts a connection) over a
 * pooled keep-alive connection, streaming both bodies with back-pressure.
 *
 * <p>A pooled connection only goes back to the pool once both its request and its response are complete, so
 * every way an exchange can go wrong ends by resetting the upstream request, which frees (or closes) the
 * connection: the service answering before it read the whole body (a 401 or 413 to a large upload), the client
 * going away mid-request, and the service not sending a byte for the timeout (then the client gets a JSON 504).
 */
final class HttpForwarder {

    /** How long a client that is still uploading after its answer is given before its connection is closed. */
    private static final long LINGER_MILLIS = 1_000;
    private static final Handler<Throwable> IGNORE = failure -> { };

    private final Vertx vertx;
    private final HttpClient client;
    private final long timeoutMillis;
    private final EdgeAnswers answers;

    HttpForwarder(Vertx vertx, HttpClient client, Duration timeout, EdgeAnswers answers) {
        this.vertx = vertx;
        this.client = client;
        this.timeoutMillis = timeout.toMillis();
        this.answers = answers;
    }

    /**
     * Forwards to the first replica of {@code choice} that accepts a connection: one that refuses is skipped (nothing
     * was sent to it, so trying the next is always safe), and the client gets a JSON 502 only when none accepts.
     */
    void forward(HttpServerRequest request, Upstream.Choice choice, String uri) {
        // pipe() pauses the request: body chunks wait, in order, until there is somewhere to write them
        Pipe<Buffer> body = hasBody(request) ? request.pipe() : null;
        connect(request, choice, uri, body);
    }

    private void connect(HttpServerRequest request, Upstream.Choice choice, String uri, Pipe<Buffer> body) {
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setServer(choice.address())
                .setURI(uri)
                // waiting for a free pooled connection counts too: a service whose pool is full is not answering
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        client.request(options).onComplete(connected -> {
            if (connected.succeeded()) {
                choice.connected();
                new Exchange(request, connected.result(), body, choice.service()).start();
            } else if (choice.failedOver(connected.cause()) && !request.response().closed()) {
                // that replica is gone: the next one gets the request, its body still waiting in the pipe
                connect(request, choice, uri, body);
            } else {
                if (body != null) {
                    body.close();
                }
                answerFailure(request, choice.service(), connected.cause(), body != null);
            }
        });
    }

    private void answerFailure(HttpServerRequest request, String service, Throwable cause, boolean bodyUnread) {
        if (bodyUnread && !request.isEnded()) {
            // the rest of the body is not wanted: say so, and do not let the connection wait for it
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            answers.upstreamFailure(request, service, cause).onComplete(done -> lingerAndClose(request));
        } else {
            answers.upstreamFailure(request, service, cause);
        }
    }

    /** Closes the client's connection once its request has ended, or after a short linger if it goes on sending. */
    private void lingerAndClose(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        // closing at once could reset the connection before the client read its answer (RFC 9112 section 9.6)
        long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            connection.close();
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.equals("0")) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** RFC 9110 section 6.4.1: no body after HEAD, and none with 1xx, 204 or 304. */
    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    /** One request and its answer. All of it runs on the client request's event loop. */
    private final class Exchange {

        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final HttpClientRequest upstream;
        private final Pipe<Buffer> body;
        private final String service;
        private boolean requestSent;
        private boolean closeClient;
        /** Both directions complete: the connection is back in the pool, and resetting now would close it under someone else. */
        private boolean finished;

        Exchange(HttpServerRequest request, HttpClientRequest upstream, Pipe<Buffer> body, String service) {
            this.request = request;
            this.response = request.response();
            this.upstream = upstream;
            this.body = body;
            this.service = service;
        }

        void start() {
            // failures arrive through the response and the pipes; this only keeps Vert.x from logging each reset
            upstream.exceptionHandler(IGNORE);
            if (response.closed()) {
                // the client left while the connection was being obtained
                upstream.reset();
                closeBody();
                return;
            }
            response.closeHandler(v -> abort());
            ProxyHeaders.copyRequestHeaders(request, upstream.headers(), false);
            upstream.response().onComplete(this::onResponse);
            if (body == null) {
                requestSent = true;
                upstream.end();
                return;
            }
            if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                upstream.setChunked(true);
            }
            if (request.headers().contains(HttpHeaders.EXPECT)) {
                // the client waits for "100 Continue" before it sends the body, so the service must see the head now
                upstream.continueHandler(v -> response.writeContinue());
                upstream.sendHead();
            }
            // the request is ended here rather than by the pipe, so that "sent" is known as soon as it is true
            body.endOnComplete(false);
            body.to(upstream).onComplete(piped -> {
                if (piped.succeeded()) {
                    requestSent = true;
                    upstream.end();
                } else {
                    abort();
                }
            });
        }

        private void onResponse(AsyncResult<HttpClientResponse> answered) {
            if (answered.failed()) {
                closeBody();
                if (!response.closed()) {
                    answerFailure(request, service, answered.cause(), !requestSent);
                }
                return;
            }
            HttpClientResponse answer = answered.result();
            response.setStatusCode(answer.statusCode());
            if (answer.statusMessage() != null) {
                response.setStatusMessage(answer.statusMessage());
            }
            ProxyHeaders.copyResponseHeaders(answer.headers(), response.headers());
            if (mayHaveBody(request.method(), answer.statusCode()) && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                if (request.version() == HttpVersion.HTTP_1_0) {
                    // no chunked encoding in HTTP/1.0: the end of the body is the end of the connection
                    closeClient = true;
                } else {
                    response.setChunked(true);
                }
            }
            if (!requestSent) {
                // answered before it had the whole body (a 401 or 413 to an upload): this connection is done after it
                closeClient = true;
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            answer.pipe().endOnFailure(false).to(response).onComplete(this::onResponseDone);
        }

        private void onResponseDone(AsyncResult<Void> done) {
            if (done.failed()) {
                // one side broke off mid-body; the client can only learn it from the connection closing
                abort();
                closeBody();
                request.connection().close();
                return;
            }
            if (!requestSent) {
                // the service expects the rest of the body on that connection: it cannot carry another request
                abort();
                closeBody();
            }
            finished = true;
            if (closeClient) {
                lingerAndClose(request);
            }
        }

        private void abort() {
            if (!finished) {
                upstream.reset();
            }
        }

        private void closeBody() {
            if (body != null) {
                body.close();
                if (!requestSent) {
                    // closing the pipe also unset the upstream request's exception handler
                    upstream.exceptionHandler(IGNORE);
                }
            }
        }
    }
}
