package com.streambazaar.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A raw WebSocket (java.net.http) for frames no well-behaved client library sends: what the server says comes back
 * as text lines; a close or an abort is recorded. Socket.IO's Engine.IO pings are answered ({@code 2} → {@code 3})
 * when {@code engineIo} is set, so a connection lives as long as the test wants.
 */
final class WireSocket implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final List<String> received = new ArrayList<>();
    private final boolean engineIo;
    private WebSocket socket;
    private volatile Integer closeCode;
    private volatile String closeReason;
    private volatile Throwable error;

    private WireSocket(boolean engineIo) {
        this.engineIo = engineIo;
    }

    /** Opens {@code url}; a refused upgrade is thrown as {@link Refused} with the HTTP status. */
    static WireSocket open(String url, Map<String, String> headers, List<String> protocols, boolean engineIo) {
        WireSocket wire = new WireSocket(engineIo);
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        try {
            wire.socket = builder.buildAsync(URI.create(url), wire.listener()).get(10, TimeUnit.SECONDS);
            return wire;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new Refused(refused.getResponse().statusCode(), String.valueOf(refused.getResponse().body()));
            }
            throw new IllegalStateException("WebSocket " + url + " did not open: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("WebSocket " + url + " did not open: " + e, e);
        }
    }

    /** The server refused the upgrade with this HTTP status. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String body) {
            super("upgrade refused with " + status + ": " + body);
            this.status = status;
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    if (engineIo && text.equals("2")) {
                        webSocket.sendText("3", true);
                    }
                    synchronized (received) {
                        received.add(text);
                        received.notifyAll();
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                synchronized (received) {
                    received.add("<binary " + data.remaining() + " bytes>");
                    received.notifyAll();
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode = statusCode;
                closeReason = reason;
                synchronized (received) {
                    received.notifyAll();
                }
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable failure) {
                error = failure;
                synchronized (received) {
                    received.notifyAll();
                }
            }
        };
    }

    boolean send(String text) {
        if (!isOpen()) {
            return false;
        }
        try {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    boolean sendBinary(byte[] bytes) {
        if (!isOpen()) {
            return false;
        }
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    boolean isOpen() {
        return closeCode == null && error == null && !socket.isInputClosed();
    }

    /** Why the connection ended, or null while it is open. */
    String ended() {
        if (closeCode != null) {
            return "closed " + closeCode + (closeReason == null || closeReason.isEmpty() ? "" : " " + closeReason);
        }
        if (error != null) {
            return "failed: " + error;
        }
        return socket.isInputClosed() ? "input closed" : null;
    }

    Integer closeCode() {
        return closeCode;
    }

    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** The first line from {@code from} on that matches, or null when none came in time (or the socket ended). */
    String await(Predicate<String> match, int from, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (received) {
            while (true) {
                for (int i = from; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.get(i);
                    }
                }
                long wait = Duration.between(Instant.now(), deadline).toMillis();
                if (wait <= 0 || (!isOpen() && ended() != null)) {
                    return null;
                }
                try {
                    received.wait(Math.min(wait, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            if (isOpen()) {
                CompletableFuture<WebSocket> closing = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                closing.get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // going anyway
        } finally {
            socket.abort();
        }
    }
}
