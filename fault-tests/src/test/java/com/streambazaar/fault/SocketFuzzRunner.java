package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One fuzz connection: sends its cases one by one, each followed by a probe with an answer (the connection handles
 * events in order, so the probe's answer means the case was dealt with), reconnects after protocol garbage that closed
 * it, and checks everything the server sent: refusals as {@code error} events or failed acks with a human message and
 * no internals; a case that is not protocol garbage never costs the connection.
 */
final class SocketFuzzRunner {

    private static final long MIN_GAP_NANOS = 50_000_000; // 20 cases (40 events) a second: under the per-connection limit

    private final SocketFuzz.Protocol protocol;
    private final int worker;
    private final Fixtures.Show show;
    private final Fixtures.Show other;
    private final Fixtures.User owner;
    private final Fixtures.User viewer;
    private final List<String> failures;
    private WireSocket socket;
    private int probes;
    private int checkedUpTo;

    SocketFuzzRunner(SocketFuzz.Protocol protocol, int worker, Fixtures.Show show, Fixtures.Show other,
                     Fixtures.User owner, Fixtures.User viewer, List<String> failures) {
        this.protocol = protocol;
        this.worker = worker;
        this.show = show;
        this.other = other;
        this.owner = owner;
        this.viewer = viewer;
        this.failures = failures;
    }

    void run(List<SocketFuzz.Case> cases) {
        connect();
        long last = 0;
        for (SocketFuzz.Case fuzzCase : cases) {
            long wait = MIN_GAP_NANOS - (System.nanoTime() - last);
            if (wait > 0) {
                Fixtures.sleep(wait / 1_000_000);
            }
            last = System.nanoTime();
            String frame = FuzzIT.resolve(fuzzCase.frame());
            if (fuzzCase.binary()) {
                socket.sendBinary(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                socket.send(frame);
            }
            boolean alive = probe();
            check(fuzzCase);
            if (!alive) {
                if (!fuzzCase.protocolLevel()) {
                    failures.add("the connection ended (" + socket.ended() + ") after an event-level case\n    "
                            + fuzzCase.describe());
                }
                socket.close();
                connect();
            }
        }
        socket.close();
    }

    private void connect() {
        // guests, a viewer and the creator: each gets a share of the cases
        String token = switch (worker % 3) {
            case 0 -> null;
            case 1 -> viewer.token();
            default -> owner.token();
        };
        String edge = SharedFaultStack.stack().baseUrl();
        socket = protocol == SocketFuzz.Protocol.SOCKET_IO ? WsWire.sioJoined(edge, token, show.sessionId())
                : WsWire.joined(SharedFaultStack.stack().wsUrl() + "/ws", token, show.sessionId());
        checkedUpTo = 0;
    }

    /** True when the connection answered the probe (it is alive and handled what came before). */
    private boolean probe() {
        int from = socket.size();
        int id = ++probes;
        if (protocol == SocketFuzz.Protocol.SOCKET_IO) {
            String ack = "43" + (500_000 + id);
            if (!socket.send("42" + (500_000 + id) + "[\"leave-session\",\"probe\"]")) {
                return false;
            }
            return socket.await(line -> line.startsWith(ack + "["), from, Duration.ofSeconds(10)) != null;
        }
        String ref = "probe-" + id;
        if (!socket.send("{\"event\":\"leave-session\",\"data\":\"probe\",\"id\":\"" + ref + "\"}")) {
            return false;
        }
        return socket.await(line -> line.contains("\"" + ref + "\""), from, Duration.ofSeconds(10)) != null;
    }

    /** Every frame received since the last check, against the rules. */
    private void check(SocketFuzz.Case fuzzCase) {
        List<String> received = socket.received();
        for (int i = checkedUpTo; i < received.size(); i++) {
            for (String problem : problems(received.get(i))) {
                failures.add(problem + "\n    " + fuzzCase.describe() + "\n    <- " + abbreviate(received.get(i)));
            }
        }
        checkedUpTo = received.size();
    }

    private List<String> problems(String line) {
        List<String> problems = new ArrayList<>();
        JsonNode refusal = null;
        if (protocol == SocketFuzz.Protocol.SOCKET_IO) {
            if (line.startsWith("42")) {
                JsonNode args = Oracle.parse(line.substring(line.indexOf('[')));
                if (args != null && "error".equals(args.path(0).asText())) {
                    refusal = args.path(1);
                }
            } else if (line.startsWith("43")) {
                JsonNode args = Oracle.parse(line.substring(line.indexOf('[')));
                if (args == null || !args.path(0).isObject()) {
                    problems.add("an ack that is not [object]");
                } else if (!args.path(0).path("success").asBoolean(true)) {
                    refusal = args.path(0);
                }
            } else if (line.startsWith("44")) {
                refusal = Oracle.parse(line.substring(2));
            }
        } else {
            JsonNode frame = Oracle.parse(line);
            if (frame == null || !frame.isObject()) {
                problems.add("a frame that is not a JSON object");
            } else if ("error".equals(frame.path("event").asText())) {
                refusal = frame.path("data");
            } else if ("ack".equals(frame.path("event").asText()) && !frame.path("data").path("success").asBoolean(true)) {
                refusal = frame.path("data");
            }
        }
        if (refusal != null && !Oracle.human(refusal.path("message"))) {
            problems.add("a refusal without a human message");
        }
        problems.addAll(Oracle.leaks(line, List.of(show.sessionId(), other.sessionId())));
        return problems;
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
