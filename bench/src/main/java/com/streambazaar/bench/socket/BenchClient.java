package com.streambazaar.bench.socket;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * One virtual viewer: a WebSocket speaking Socket.IO (Engine.IO v4 over WebSocket, as socket.io-client does with
 * {@code transports: ["websocket"]}) or the plain /ws protocol. Answers Engine.IO pings; hands every other text frame
 * to the scenario's listener on the connection's event loop.
 */
final class BenchClient {

    enum Protocol {
        SOCKET_IO("socket.io"), WS("ws");

        final String label;

        Protocol(String label) {
            this.label = label;
        }
    }

    final Protocol protocol;
    final int index;
    private WebSocket socket;
    private volatile boolean closed;
    /** When connect was called, the WebSocket opened, the client could send (nanoTime), for the join storm's split. */
    long startedAt;
    long openedAt;
    long readyAt;

    private BenchClient(Protocol protocol, int index) {
        this.protocol = protocol;
        this.index = index;
    }

    /** Connects and completes once the client may send events (Socket.IO: after CONNECT; /ws: after "connected"). */
    static Future<BenchClient> connect(WebSocketClient client, String host, int port, Protocol protocol, int index,
                                       BiConsumer<BenchClient, String> listener) {
        BenchClient bench = new BenchClient(protocol, index);
        bench.startedAt = System.nanoTime();
        Promise<BenchClient> ready = Promise.promise();
        String uri = protocol == Protocol.SOCKET_IO ? "/socket.io/?EIO=4&transport=websocket" : "/ws";
        client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(uri)).onSuccess(ws -> {
            bench.socket = ws;
            bench.openedAt = System.nanoTime();
            ws.textMessageHandler(text -> {
                if (protocol == Protocol.SOCKET_IO) {
                    if (text.length() == 1 && text.charAt(0) == '2') {
                        ws.writeTextMessage("3");
                        return;
                    }
                    if (text.startsWith("0{")) {
                        ws.writeTextMessage("40");
                        return;
                    }
                    if (text.startsWith("40")) {
                        bench.readyAt = System.nanoTime();
                        ready.tryComplete(bench);
                        return;
                    }
                } else if (!ready.future().isComplete() && text.startsWith("{\"event\":\"connected\"")) {
                    bench.readyAt = System.nanoTime();
                    ready.tryComplete(bench);
                    return;
                }
                listener.accept(bench, text);
            });
            ws.closeHandler(v -> {
                bench.closed = true;
                ready.tryFail("closed before it was ready");
            });
            ws.exceptionHandler(e -> ready.tryFail(e));
        }).onFailure(ready::tryFail);
        return ready.future();
    }

    void join(UUID session, int ackId) {
        String data = "{\"sessionId\":\"" + session + "\"}";
        send("join-session", data, ackId);
    }

    /** Emits an event with JSON data; {@code ackId} ≥ 0 asks for an answer. */
    void send(String event, String dataJson, int ackId) {
        if (closed) {
            return;
        }
        if (protocol == Protocol.SOCKET_IO) {
            socket.writeTextMessage("42" + (ackId >= 0 ? String.valueOf(ackId) : "") + "[\"" + event + "\"," + dataJson + "]");
        } else {
            socket.writeTextMessage("{\"event\":\"" + event + "\",\"data\":" + dataJson
                    + (ackId >= 0 ? ",\"id\":" + ackId : "") + "}");
        }
    }

    /** The name of the event a frame carries, for the few names scenarios look at (no JSON parsing on the hot path). */
    static boolean isEvent(Protocol protocol, String text, String name) {
        if (protocol == Protocol.SOCKET_IO) {
            return text.startsWith("42[\"") && text.startsWith(name, 4) && text.length() > 4 + name.length()
                    && text.charAt(4 + name.length()) == '"';
        }
        return text.startsWith("{\"event\":\"") && text.startsWith(name, 10) && text.length() > 10 + name.length()
                && text.charAt(10 + name.length()) == '"';
    }

    static boolean isAck(Protocol protocol, String text) {
        return protocol == Protocol.SOCKET_IO ? text.startsWith("43") : text.startsWith("{\"event\":\"ack\"");
    }

    /** The long after {@code key} in a frame (e.g. the send time in a bench chat message), or -1. */
    static long longAfter(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int i = at + key.length();
        boolean any = false;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
            any = true;
        }
        return any ? value : -1;
    }

    /** The bare number of a viewer-count frame. */
    static int viewerCount(Protocol protocol, String text) {
        String key = protocol == Protocol.SOCKET_IO ? "\"viewer-count\"," : "\"data\":";
        return (int) longAfter(text, key);
    }

    void close() {
        closed = true;
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }
}
