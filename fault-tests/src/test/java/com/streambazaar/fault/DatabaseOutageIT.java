package com.streambazaar.fault;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Postgres goes away for 15 seconds under traffic. Meanwhile every service says it is not ready (503 on
 * {@code /q/health/ready}) and answers what needs the database with a 503 {@code database_unavailable}, a JSON body
 * and {@code Retry-After} — never a 500, never a hang. Afterwards every service is ready again by itself (same
 * processes, no restart), writes work, and what the sockets acknowledged meanwhile (reactions, clicks, joins: held in
 * memory and retried) reaches analytics.
 */
@ExtendWith(SharedFaultStack.class)
@Order(5)
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void aDatabaseOutageIsAnswered503AndHealsByItself() throws Exception {
        FaultStack stack = SharedFaultStack.stack();
        Fixtures.User creator = Fixtures.register("creator");
        Fixtures.Show show = Fixtures.live(creator, 2);
        Fixtures.User viewer = Fixtures.register("viewer");
        Map<String, Long> pidsBefore = stack.pids();
        String base = Fixtures.base();
        List<String[]> probes = List.of(
                new String[]{"GET", "/api/users"},
                new String[]{"GET", "/api/products/" + show.productIds().get(0)},
                new String[]{"GET", "/api/sessions/" + show.sessionId()},
                new String[]{"GET", "/api/sessions/" + show.sessionId() + "/chat"},
                new String[]{"GET", "/api/sessions/" + show.sessionId() + "/reactions"},
                new String[]{"POST", "/api/sessions/" + show.sessionId() + "/chat"},
                new String[]{"POST", "/api/products"},
                new String[]{"GET", "/api/auth/me"});
        try (LiveTraffic traffic = new LiveTraffic(show, List.of())) {
            traffic.join(true, viewer);
            traffic.join(false, null);
            traffic.join(true, null);
            traffic.start();
            Fixtures.sleep(3000);

            stack.control("stop", "postgres");
            long down = System.currentTimeMillis();
            List<String> problems = new ArrayList<>();
            Set<String> notReady = new HashSet<>();
            Map<String, Integer> outcomes = new TreeMap<>();
            int round = 0;
            while (System.currentTimeMillis() - down < OUTAGE.toMillis()) {
                for (Map.Entry<String, Integer> service : FaultStack.PORTS.entrySet()) {
                    Http.Reply ready = Http.call("GET", "http://127.0.0.1:" + service.getValue() + "/q/health/ready",
                            null, null, Map.of(), Duration.ofSeconds(5));
                    if (ready.status() == 503) {
                        notReady.add(service.getKey());
                    } else if (ready.status() != 200) {
                        problems.add(service.getKey() + " readiness answered " + ready);
                    }
                }
                for (String[] probe : probes) {
                    Object body = probe[0].equals("POST") ? (probe[1].endsWith("/chat")
                            ? Map.of("message", "during the outage " + round) : Map.of("name", "Outage item", "price", 1)) : null;
                    String token = probe[1].equals("/api/products") ? creator.token() : viewer.token();
                    Http.Reply reply = Http.call(probe[0], base + probe[1], token, body, Map.of(), Duration.ofSeconds(10));
                    outcomes.merge(probe[0] + " " + probe[1].replace(show.sessionId(), "{sid}")
                            .replace(show.productIds().get(0), "{pid}") + " " + reply.status(), 1, Integer::sum);
                    if (reply.status() == 503) {
                        if (!"database_unavailable".equals(reply.json().path("error").asText())
                                || !Oracle.human(reply.json().path("message")) || reply.header("Retry-After").isEmpty()) {
                            problems.add(probe[0] + " " + probe[1] + ": a 503 without database_unavailable, message "
                                    + "and Retry-After: " + reply + " " + reply.headers());
                        }
                    } else if (reply.status() < 0 || reply.status() >= 500) {
                        problems.add(probe[0] + " " + probe[1] + " during the outage: " + reply);
                    } else if (reply.millis() > 5000) {
                        problems.add(probe[0] + " " + probe[1] + " took " + reply.millis() + " ms");
                    }
                    problems.addAll(Oracle.leaks(reply.body() == null ? "" : reply.body(), List.of()).stream()
                            .map(leak -> probe[1] + ": " + leak).toList());
                }
                round++;
                Fixtures.sleep(500);
            }
            stack.control("start", "postgres");
            long up = System.currentTimeMillis();
            System.out.printf("Database outage: %.1f s; answers meanwhile: %s%n", (up - down) / 1000.0, outcomes);
            assertEquals(new HashSet<>(FaultStack.PORTS.keySet()), notReady, "every service said it was not ready");
            assertTrue(outcomes.keySet().stream().anyMatch(o -> o.endsWith(" 503")), "the outage was seen: " + outcomes);

            // every service heals by itself: ready again, same processes
            Map<String, Long> readyAfter = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> service : FaultStack.PORTS.entrySet()) {
                long deadline = System.currentTimeMillis() + 90_000;
                while (true) {
                    Http.Reply ready = Http.call("GET", "http://127.0.0.1:" + service.getValue() + "/q/health/ready",
                            null, null, Map.of(), Duration.ofSeconds(5));
                    if (ready.status() == 200) {
                        readyAfter.put(service.getKey(), System.currentTimeMillis() - up);
                        break;
                    }
                    if (System.currentTimeMillis() > deadline) {
                        problems.add(service.getKey() + " is not ready 90 s after the database came back: " + ready);
                        break;
                    }
                    Fixtures.sleep(500);
                }
            }
            System.out.println("Ready again after the database came back (ms): " + readyAfter);
            assertEquals(pidsBefore, stack.pids(), "no process was restarted or died");
            Fixtures.sleep(2000);
            traffic.stop();

            // writes work again, and their events flow (outbox relays and consumers retried, not died)
            Http.Reply product = Http.post(base + "/api/products", creator.token(), Map.of("name", "After the outage", "price", 2));
            assertEquals(201, product.status(), product::toString);
            Http.Reply chat = Http.post(base + "/api/sessions/" + show.sessionId() + "/chat", viewer.token(),
                    Map.of("message", "after the outage"));
            assertEquals(201, chat.status(), chat::toString);
            LiveTraffic.Truth truth = traffic.truth();
            truth.messages.put(chat.json().path("data").path("id").asText(), "after the outage");
            System.out.println("Database outage ground truth: " + truth + "; refusals " + traffic.refusals());
            assertTrue(truth.unanswered.isEmpty(), "every socket action was answered: " + truth.unanswered);
            // chat accepted before the outage (the socket traffic's) and after it, once each
            problems.addAll(Verify.historyProblems(truth.messages, Verify.chatHistory(show.sessionId())));
            Map<String, Object> expected = Verify.expected(truth, countRestMessagesDuringOutage(outcomes));
            Map<String, Object> figures = Verify.awaitAnalytics(show, expected, Duration.ofSeconds(90));
            if (!figures.equals(expected)) {
                problems.add("analytics after the outage " + figures + " but the ground truth is " + expected);
            }
            for (LiveTraffic.Client client : traffic.clients()) {
                if (!client.drops().isEmpty()) {
                    problems.add(client.name + " lost its connection: " + client.drops());
                }
            }
            assertEquals(List.of(), problems, String.join("\n", problems));
        }
    }

    /** Chat posts during the outage that were accepted anyway (before the pool noticed): they count too. */
    private static long countRestMessagesDuringOutage(Map<String, Integer> outcomes) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("POST /api/sessions/{sid}/chat 201"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
