package com.streambazaar.fault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Socket.IO client on Engine.IO long-polling, over {@link RawClient} so that it connects from a chosen local
 * address: the edge passes that address on in X-Forwarded-For, which is how per-address limits see "another
 * client". Each poll is one GET; each emit one POST.
 */
final class SioPolling {

    private final RawClient client;
    private final String sid;
    private final List<String> packets = new ArrayList<>();

    private SioPolling(RawClient client, String sid) {
        this.client = client;
        this.sid = sid;
    }

    /** Handshake, then CONNECT to "/" as a guest. */
    static SioPolling connect(String localAddress) {
        RawClient client = new RawClient(localAddress, FaultStack.EDGE_PORT, 10_000);
        RawClient.Answer open = client.send("GET", "/socket.io/?EIO=4&transport=polling", List.of(), null);
        if (open.status() != 200 || !open.body().startsWith("0{")) {
            throw new IllegalStateException("Engine.IO handshake failed: " + open);
        }
        String sid = Oracle.parse(open.body().substring(1)).path("sid").asText();
        SioPolling polling = new SioPolling(client, sid);
        polling.post("40");
        List<String> connected = polling.poll();
        if (connected.stream().noneMatch(p -> p.startsWith("40"))) {
            throw new IllegalStateException("Socket.IO CONNECT failed: " + connected);
        }
        return polling;
    }

    void emit(String event, Object data, int ack) {
        try {
            post("42" + ack + Http.JSON.writeValueAsString(List.of(event, data)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String packet) {
        RawClient.Answer answer = client.send("POST", "/socket.io/?EIO=4&transport=polling&sid=" + sid,
                List.of("Content-Type: text/plain;charset=UTF-8"), packet.getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 200) {
            throw new IllegalStateException("POST " + packet + ": " + answer);
        }
    }

    /** One GET: the packets the server had for us (it answers pings itself: a "2" is answered with "3"). */
    List<String> poll() {
        RawClient.Answer answer = client.send("GET", "/socket.io/?EIO=4&transport=polling&sid=" + sid, List.of(), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("poll: " + answer);
        }
        List<String> got = new ArrayList<>();
        for (String packet : answer.body().split("\u001e")) {
            if (packet.equals("2")) {
                post("3");
            } else if (!packet.isEmpty()) {
                got.add(packet);
            }
        }
        packets.addAll(got);
        return got;
    }

    /** Polls until an ack with this id arrived; returns its packet. */
    String awaitAck(int ack) {
        for (int i = 0; i < 20; i++) {
            for (String packet : packets) {
                if (packet.startsWith("43" + ack + "[")) {
                    return packet;
                }
            }
            poll();
        }
        throw new AssertionError("no ack " + ack + " in " + packets);
    }
}
