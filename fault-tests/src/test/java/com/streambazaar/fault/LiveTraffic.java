package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.testkit.NodeClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live show under traffic, as real clients make it: stock socket.io-client and ws clients (npm, through the edge,
 * spread over both replicas) join, chat, react and click; signed-in users chat over REST; REST reads go on. Every
 * action's answer is recorded, so what the system acknowledged is known exactly — the ground truth the stored history
 * and analytics are compared with afterwards.
 */
final class LiveTraffic implements AutoCloseable {

    static final List<String> REACTIONS = List.of("like", "love", "fire", "clap", "wow");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One socket client and what it sent and was told. */
    final class Client {
        final String name;
        final NodeClient node;
        final boolean socketIo;
        final boolean signedIn;
        final long joinedAtMillis;
        String viewerId;
        final Map<String, String[]> sent = new ConcurrentHashMap<>();
        final AtomicInteger refs = new AtomicInteger();

        Client(String name, NodeClient node, boolean socketIo, boolean signedIn) {
            this.name = name;
            this.node = node;
            this.socketIo = socketIo;
            this.signedIn = signedIn;
            this.joinedAtMillis = System.currentTimeMillis();
        }

        /** Sends an event with an ack id; {@code kind} and {@code detail} say what it was for the ground truth. */
        void send(String event, Map<String, Object> data, String kind, String detail) {
            String ref = name + "-" + refs.incrementAndGet();
            sent.put(ref, new String[]{kind, detail});
            if (socketIo) {
                node.emit(event, data, ref);
            } else {
                Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("event", event);
                frame.put("data", data);
                frame.put("id", ref);
                node.sendFrame(frame);
            }
        }

        /** The answers so far: ref → answer payload ({success, data|message}). */
        Map<String, JsonNode> answers() {
            Map<String, JsonNode> answers = new HashMap<>();
            for (JsonNode line : node.lines()) {
                if (socketIo && "ack".equals(line.path("type").asText())) {
                    answers.put(line.path("ref").asText(), line.path("args").path(0));
                } else if (!socketIo && "frame".equals(line.path("type").asText())
                        && "ack".equals(line.path("frame").path("event").asText())) {
                    answers.put(line.path("frame").path("id").asText(), line.path("frame").path("data"));
                }
            }
            return answers;
        }

        /** Lost connections: socket.io "disconnect" lines, ws "close" lines. */
        List<JsonNode> drops() {
            return node.lines().stream().filter(line -> socketIo ? "disconnect".equals(line.path("type").asText())
                    : "close".equals(line.path("type").asText())).toList();
        }

        /** new-message ids this client received, with how many times each. */
        Map<String, Integer> heardMessages() {
            Map<String, Integer> heard = new HashMap<>();
            for (JsonNode line : node.events("new-message")) {
                heard.merge(NodeClient.payload(line).path("id").asText(), 1, Integer::sum);
            }
            return heard;
        }
    }

    /** What the system acknowledged. */
    static final class Truth {
        final Set<String> viewers = new HashSet<>();
        final Map<String, Integer> reactions = new TreeMap<>();
        final Map<String, Integer> clicks = new TreeMap<>();
        final Map<String, Set<String>> clickers = new TreeMap<>();
        final Map<String, String> messages = new LinkedHashMap<>();
        /** Actions whose answer never came (a connection lost with a restarted replica): they may or may not count. */
        final Map<String, Integer> unanswered = new TreeMap<>();

        int reactionTotal() {
            return reactions.values().stream().mapToInt(Integer::intValue).sum();
        }

        int clickTotal() {
            return clicks.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "views " + viewers.size() + ", reactions " + reactions + ", clicks " + clicks + ", messages "
                    + messages.size() + (unanswered.isEmpty() ? "" : ", unanswered " + unanswered);
        }
    }

    /** A REST call made meanwhile and how it went. */
    record RestCall(String what, long atMillis, int status, long millis, String body) {
    }

    private final Fixtures.Show show;
    private final List<Fixtures.User> chatters;
    private final List<Client> clients = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> restMessages = new ConcurrentHashMap<>();
    private final Map<String, Integer> restRefused = new ConcurrentHashMap<>();
    private final List<RestCall> restCalls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger clientSeq = new AtomicInteger();
    private Thread driver;
    private Thread reader;

    LiveTraffic(Fixtures.Show show, List<Fixtures.User> chatters) {
        this.show = show;
        this.chatters = chatters;
    }

    /**
     * A client joins the show: socket.io or ws, signed in as {@code user} or a guest (with a device id every other
     * time). Returns once its join was acknowledged.
     */
    Client join(boolean socketIo, Fixtures.User user) {
        int n = clientSeq.incrementAndGet();
        String edge = SharedFaultStack.stack().baseUrl();
        NodeClient node;
        if (socketIo) {
            Map<String, Object> options = new HashMap<>();
            // half start on the WebSocket, half on long-polling with the upgrade, as the web app and SDKs do
            if (n % 2 == 0) {
                options.put("transports", List.of("websocket", "polling"));
            }
            if (user != null) {
                options.put("auth", Map.of("token", user.token()));
            }
            node = NodeClient.socketIo(edge, options);
            node.await(line -> "connect".equals(line.path("type").asText()), WAIT);
        } else {
            node = NodeClient.ws(SharedFaultStack.stack().wsUrl() + "/ws", Map.of(),
                    user == null ? List.of() : List.of("bazaar", user.token()));
            node.await(line -> "open".equals(line.path("type").asText()), WAIT);
        }
        Client client = new Client("c" + n, node, socketIo, user != null);
        Map<String, Object> join = new HashMap<>();
        join.put("sessionId", show.sessionId());
        if (user == null && n % 2 == 1) {
            join.put("deviceId", "device-" + n + "-" + System.nanoTime());
        }
        client.send("join-session", join, "join", "");
        JsonNode answer = awaitAnswer(client, client.name + "-1");
        if (!answer.path("success").asBoolean()) {
            throw new AssertionError(client.name + " could not join: " + answer);
        }
        client.viewerId = answer.path("data").path("viewerId").asText();
        clients.add(client);
        return client;
    }

    static JsonNode awaitAnswer(Client client, String ref) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            JsonNode answer = client.answers().get(ref);
            if (answer != null) {
                return answer;
            }
            Fixtures.sleep(50);
        }
        throw new AssertionError(client.name + ": no answer to " + ref + "; received " + client.node.lines());
    }

    List<Client> clients() {
        synchronized (clients) {
            return List.copyOf(clients);
        }
    }

    /** Starts the traffic: every 500 ms each client reacts, some click, one chats; a user chats over REST; reads. */
    void start() {
        running.set(true);
        driver = new Thread(this::drive, "live-traffic");
        driver.setDaemon(true);
        driver.start();
        reader = new Thread(this::read, "live-reads");
        reader.setDaemon(true);
        reader.start();
    }

    private void drive() {
        int tick = 0;
        while (running.get()) {
            tick++;
            List<Client> now = clients();
            for (int i = 0; i < now.size(); i++) {
                Client client = now.get(i);
                try {
                    String type = REACTIONS.get((tick + i) % REACTIONS.size());
                    client.send("send-reaction", Map.of("sessionId", show.sessionId(), "type", type), "reaction", type);
                    if ((tick + i) % 3 == 0 && !show.productIds().isEmpty()) {
                        String product = show.productIds().get((tick + i) % show.productIds().size());
                        client.send("track-product-click", Map.of("sessionId", show.sessionId(), "productId", product),
                                "click", product);
                    }
                    // one socket message per tick, from the clients in turn (each well under its limit)
                    if (tick % Math.max(1, now.size()) == i % Math.max(1, now.size()) && tick % 2 == 0) {
                        String text = client.name + " says " + tick + " " + System.nanoTime();
                        client.send("send-message", Map.of("sessionId", show.sessionId(), "message", text), "chat", text);
                    }
                } catch (RuntimeException e) {
                    // a client whose process went away: its drop is reported
                }
            }
            if (!chatters.isEmpty()) {
                Fixtures.User user = chatters.get(tick % chatters.size());
                String text = user.username() + " over REST " + tick + " " + System.nanoTime();
                long begin = System.currentTimeMillis();
                Http.Reply reply = Http.call("POST", Fixtures.base() + "/api/sessions/" + show.sessionId() + "/chat",
                        user.token(), Map.of("message", text), Map.of(), Duration.ofSeconds(15));
                restCalls.add(new RestCall("POST chat", begin, reply.status(), reply.millis(), reply.body()));
                if (reply.status() == 201) {
                    restMessages.put(reply.json().path("data").path("id").asText(), text);
                } else {
                    restRefused.merge(String.valueOf(reply.status()), 1, Integer::sum);
                }
            }
            Fixtures.sleep(500);
        }
    }

    private void read() {
        String base = Fixtures.base();
        List<String> urls = List.of("/api/sessions/" + show.sessionId(), "/api/sessions/" + show.sessionId() + "/chat",
                "/api/products/categories", "/api/search/sessions/live", "/api/sessions/" + show.sessionId() + "/reactions");
        int i = 0;
        while (running.get()) {
            String url = urls.get(i++ % urls.size());
            long begin = System.currentTimeMillis();
            Http.Reply reply = Http.call("GET", base + url, null, null, Map.of(), Duration.ofSeconds(15));
            restCalls.add(new RestCall("GET " + url, begin, reply.status(), reply.millis(), reply.body()));
            Fixtures.sleep(200);
        }
    }

    /** Stops sending and waits for the answers still on their way. */
    void stop() throws InterruptedException {
        running.set(false);
        if (driver != null) {
            driver.join(30_000);
            reader.join(30_000);
        }
        Fixtures.sleep(3000);
    }

    List<RestCall> restCalls() {
        synchronized (restCalls) {
            return List.copyOf(restCalls);
        }
    }

    Map<String, Integer> restRefused() {
        return Map.copyOf(restRefused);
    }

    /** The ground truth from every acknowledged action. */
    Truth truth() {
        Truth truth = new Truth();
        truth.messages.putAll(restMessages);
        for (Client client : clients()) {
            Map<String, JsonNode> answers = client.answers();
            for (Map.Entry<String, String[]> sent : client.sent.entrySet()) {
                String kind = sent.getValue()[0];
                String detail = sent.getValue()[1];
                JsonNode answer = answers.get(sent.getKey());
                if (answer == null) {
                    truth.unanswered.merge(kind, 1, Integer::sum);
                    continue;
                }
                if (!answer.path("success").asBoolean()) {
                    continue;
                }
                switch (kind) {
                    case "join" -> truth.viewers.add(answer.path("data").path("viewerId").asText());
                    case "reaction" -> truth.reactions.merge(detail, 1, Integer::sum);
                    case "click" -> {
                        truth.clicks.merge(detail, 1, Integer::sum);
                        truth.clickers.computeIfAbsent(detail, p -> new HashSet<>()).add(client.viewerId);
                    }
                    case "chat" -> truth.messages.put(answer.path("data").path("id").asText(), detail);
                    default -> {
                    }
                }
            }
        }
        return truth;
    }

    /** Refusals the clients got (by message), for the log: limits are expected, failures are not. */
    Map<String, Integer> refusals() {
        Map<String, Integer> refusals = new TreeMap<>();
        for (Client client : clients()) {
            Map<String, JsonNode> answers = client.answers();
            for (Map.Entry<String, String[]> sent : client.sent.entrySet()) {
                JsonNode answer = answers.get(sent.getKey());
                if (answer != null && !answer.path("success").asBoolean()) {
                    refusals.merge(sent.getValue()[0] + ": " + answer.path("message").asText(), 1, Integer::sum);
                }
            }
        }
        return refusals;
    }

    @Override
    public void close() {
        running.set(false);
        for (Client client : clients()) {
            client.node.close();
        }
    }
}
