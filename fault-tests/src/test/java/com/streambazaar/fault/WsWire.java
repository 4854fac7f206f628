package com.streambazaar.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Opening raw connections of both socket protocols, authenticated or not, and joining a room. */
final class WsWire {

    static final Duration WAIT = Duration.ofSeconds(10);

    private WsWire() {
    }

    /** A /ws connection (token as the subprotocol, as browsers send it) that got its {@code connected} frame. */
    static WireSocket ws(String url, String token) {
        WireSocket socket = WireSocket.open(url, Map.of(), token == null ? List.of() : List.of("bazaar", token), false);
        if (socket.await(line -> line.contains("\"connected\""), 0, WAIT) == null) {
            socket.close();
            throw new IllegalStateException("no connected frame on " + url + ": " + socket.received() + " " + socket.ended());
        }
        return socket;
    }

    static WireSocket joined(String url, String token, String sessionId) {
        WireSocket socket = ws(url, token);
        String id = "join-" + System.nanoTime();
        socket.send("{\"event\":\"join-session\",\"data\":{\"sessionId\":\"" + sessionId + "\"},\"id\":\"" + id + "\"}");
        if (socket.await(line -> line.contains("\"" + id + "\"") && line.contains("\"success\":true"), 0, WAIT) == null) {
            throw new IllegalStateException("join refused: " + socket.received());
        }
        return socket;
    }

    /** A Socket.IO connection over the Engine.IO WebSocket transport, CONNECTed to "/" (with {auth: {token}}). */
    static WireSocket sio(String edge, String token) {
        WireSocket socket = WireSocket.open(edge.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket",
                Map.of(), List.of(), true);
        if (socket.await(line -> line.startsWith("0{"), 0, WAIT) == null) {
            socket.close();
            throw new IllegalStateException("no Engine.IO open packet: " + socket.received() + " " + socket.ended());
        }
        socket.send(token == null ? "40" : "40{\"token\":\"" + token + "\"}");
        String answer = socket.await(line -> line.startsWith("40") || line.startsWith("44"), 0, WAIT);
        if (answer == null || !answer.startsWith("40")) {
            socket.close();
            throw new IllegalStateException("Socket.IO CONNECT refused: " + answer + " " + socket.received());
        }
        return socket;
    }

    static WireSocket sioJoined(String edge, String token, String sessionId) {
        WireSocket socket = sio(edge, token);
        socket.send("42900[\"join-session\",{\"sessionId\":\"" + sessionId + "\"}]");
        if (socket.await(line -> line.startsWith("43900") && line.contains("\"success\":true"), 0, WAIT) == null) {
            throw new IllegalStateException("join refused: " + socket.received());
        }
        return socket;
    }
}
