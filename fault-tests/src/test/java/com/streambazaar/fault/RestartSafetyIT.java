package com.streambazaar.fault;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service is restarted in turn ({@code ./bazaar restart}: SIGTERM, then the same command again) while a live show
 * runs — socket chat, reactions, clicks, REST chat — and while accounts, products and sessions are being created.
 * Whatever the system acknowledged before, during or after a restart is still there afterwards: every account,
 * product and session it answered 201 for, every chat message once, and analytics counts every acknowledged
 * reaction, click, view and message (the restarted realtime replica writes what it held in memory before it exits;
 * analytics resumes from its committed offsets and dedupes what it sees again). Meanwhile nothing answers 500 or hangs:
 * a restarting service is a 502/503 at the edge, which clients retry.
 */
@ExtendWith(SharedFaultStack.class)
@Order(7)
class RestartSafetyIT {

    /** One realtime replica (the other keeps the room); every other service has one process. */
    private static final List<String> RESTARTED = List.of("auth", "catalog", "session", "analytics", "realtime");

    /** A write the API answered 201 for, and how to read it back. */
    record Acknowledged(String what, String readBack, String expected) {
    }

    @Test
    void restartingAnyOneServiceUnderLoadLosesNothingAcknowledged() throws Exception {
        FaultStack stack = SharedFaultStack.stack();
        Fixtures.User creator = Fixtures.register("creator");
        Fixtures.Show show = Fixtures.live(creator, 2);
        List<Fixtures.User> chatters = List.of(Fixtures.register("viewer"), Fixtures.register("viewer"));
        List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> writeWhile(writing, creator, acknowledged, refused, problems), "restart-writes");
        Map<String, Double> restartSeconds = new LinkedHashMap<>();
        try (LiveTraffic traffic = new LiveTraffic(show, chatters)) {
            traffic.join(true, chatters.get(0));
            traffic.join(true, null);
            traffic.join(false, chatters.get(1));
            traffic.join(false, null);
            traffic.join(true, Fixtures.register("viewer"));
            traffic.join(false, Fixtures.register("viewer"));
            traffic.start();
            writer.setDaemon(true);
            writer.start();
            Fixtures.sleep(2000);
            for (String service : RESTARTED) {
                long begin = System.nanoTime();
                stack.control("restart", service);
                restartSeconds.put(service, Math.round((System.nanoTime() - begin) / 1e8) / 10.0);
                Fixtures.sleep(1500);
            }
            writing.set(false);
            writer.join(30_000);
            traffic.stop();
            System.out.println("Restarts under load (s, stop + start until ready): " + restartSeconds);

            // the truth was told meanwhile: no 500, no hang, only "try again" while a service was away
            for (LiveTraffic.RestCall call : traffic.restCalls()) {
                if (call.status() < 0 || call.status() == 500 || call.millis() > 15_000) {
                    problems.add("REST during the restarts: " + call.what() + " -> " + call.status() + " in "
                            + call.millis() + " ms " + call.body());
                }
            }
            refused.forEach((what, n) -> {
                if (what.endsWith(" 500") || what.endsWith(" -1")) {
                    problems.add(n + " write(s) answered " + what);
                }
            });

            // every acknowledged account, product and session is there
            long lostWrites = 0;
            for (Acknowledged write : List.copyOf(acknowledged)) {
                Http.Reply read = Http.get(Fixtures.base() + write.readBack(), creator.token());
                if (read.status() != 200 || !read.body().contains(write.expected())) {
                    lostWrites++;
                    problems.add("acknowledged " + write.what() + " is gone: GET " + write.readBack() + " -> " + read);
                }
            }

            LiveTraffic.Truth truth = traffic.truth();
            System.out.println("Restart ground truth: " + truth + "; writes acknowledged " + acknowledged.size()
                    + ", refused meanwhile " + new TreeMap<>(refused) + "; socket refusals " + traffic.refusals()
                    + "; REST chat refusals " + traffic.restRefused());
            assertTrue(truth.messages.size() > 20, "chat flowed: " + truth.messages.size());
            assertTrue(acknowledged.size() > 20, "writes went on: " + acknowledged.size());

            // every acknowledged message is in the history exactly once
            List<String[]> history = Verify.chatHistory(show.sessionId());
            problems.addAll(Verify.historyProblems(truth.messages, history));
            long lostMessages = Verify.lost(truth.messages, history);

            // analytics counts every acknowledged action; an action whose answer was cut off by the restart may count too
            Map<String, Object> low = Verify.expected(truth, 0);
            Map<String, Object> high = Verify.expected(withUnanswered(truth), 0);
            Map<String, Object> figures = awaitWithin(show, low, high, Duration.ofSeconds(90));
            if (!within(figures, low, high)) {
                problems.add("analytics after the restarts " + figures + " but the ground truth is " + low
                        + (low.equals(high) ? "" : " (at most " + high + ")"));
            }
            RunReport.add("chat messages acknowledged (restarts)", truth.messages.size());
            RunReport.add("chat messages lost", lostMessages);
            RunReport.add("writes acknowledged (restarts)", acknowledged.size());
            RunReport.add("writes lost (restarts)", lostWrites);
            assertEquals(List.of(), problems, "after restarting " + RESTARTED + "\n" + String.join("\n", problems));
        } finally {
            writing.set(false);
        }
    }

    /** Creates an account, a product and a session in turn, as fast as they are answered, while {@code writing}. */
    private static void writeWhile(AtomicBoolean writing, Fixtures.User creator, List<Acknowledged> acknowledged,
                                   Map<String, Integer> refused, List<String> problems) {
        int n = 0;
        while (writing.get()) {
            n++;
            String name = Fixtures.uniqueName("rs");
            try {
                switch (n % 3) {
                    case 0 -> {
                        Http.Reply reply = Http.call("POST", Fixtures.base() + "/api/auth/register", null, Map.of("username",
                                name, "email", name + "@example.com", "password", "restart-pw-" + n), Map.of(),
                                Duration.ofSeconds(20));
                        if (reply.status() == 201) {
                            acknowledged.add(new Acknowledged("account " + name, "/api/users/"
                                    + reply.json().path("data").path("user").path("id").asText(), name));
                        } else {
                            refused.merge("register " + reply.status(), 1, Integer::sum);
                        }
                    }
                    case 1 -> {
                        Http.Reply reply = Http.call("POST", Fixtures.base() + "/api/products", creator.token(),
                                Map.of("name", "Restart " + name, "price", 3), Map.of(), Duration.ofSeconds(20));
                        if (reply.status() == 201) {
                            acknowledged.add(new Acknowledged("product " + name, "/api/products/"
                                    + reply.json().path("id").asText(), "Restart " + name));
                        } else {
                            refused.merge("product " + reply.status(), 1, Integer::sum);
                        }
                    }
                    default -> {
                        Http.Reply reply = Http.call("POST", Fixtures.base() + "/api/sessions", creator.token(),
                                Map.of("title", "Restart " + name), Map.of(), Duration.ofSeconds(20));
                        if (reply.status() == 201) {
                            acknowledged.add(new Acknowledged("session " + name, "/api/sessions/"
                                    + reply.json().path("data").path("id").asText(), "Restart " + name));
                        } else {
                            refused.merge("session " + reply.status(), 1, Integer::sum);
                        }
                    }
                }
            } catch (RuntimeException e) {
                problems.add("write " + n + " failed in the test: " + e);
            }
            Fixtures.sleep(150);
        }
    }

    /** The truth with every unanswered action counted as if it had been accepted (the most analytics may count). */
    private static LiveTraffic.Truth withUnanswered(LiveTraffic.Truth truth) {
        LiveTraffic.Truth high = new LiveTraffic.Truth();
        high.viewers.addAll(truth.viewers);
        high.reactions.putAll(truth.reactions);
        high.clicks.putAll(truth.clicks);
        truth.clickers.forEach((product, who) -> high.clickers.put(product, new java.util.HashSet<>(who)));
        high.messages.putAll(truth.messages);
        int reactions = truth.unanswered.getOrDefault("reaction", 0);
        int clicks = truth.unanswered.getOrDefault("click", 0);
        int chats = truth.unanswered.getOrDefault("chat", 0);
        // which type or product an unanswered one was for is not kept: allow each its share on every key
        high.reactions.replaceAll((type, n) -> n + reactions);
        high.clicks.replaceAll((product, n) -> n + clicks);
        high.clickers.values().forEach(who -> {
            for (int i = 0; i < clicks; i++) {
                who.add("unanswered-" + i);
            }
        });
        for (int i = 0; i < chats; i++) {
            high.messages.put("unanswered-" + i, "");
        }
        return high;
    }

    private static Map<String, Object> awaitWithin(Fixtures.Show show, Map<String, Object> low, Map<String, Object> high,
                                                   Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> last;
        do {
            last = Verify.analytics(show);
            if (within(last, low, high)) {
                return last;
            }
            Fixtures.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return last;
    }

    /** Every figure between its lower and upper bound (maps: key by key, the same keys). */
    @SuppressWarnings("unchecked")
    static boolean within(Map<String, Object> figures, Map<String, Object> low, Map<String, Object> high) {
        for (Map.Entry<String, Object> expected : low.entrySet()) {
            Object actual = figures.get(expected.getKey());
            Object upper = high.get(expected.getKey());
            if (expected.getValue() instanceof Map<?, ?> lowMap) {
                Map<String, Integer> actualMap = (Map<String, Integer>) actual;
                Map<String, Integer> highMap = (Map<String, Integer>) upper;
                if (actualMap == null || !actualMap.keySet().equals(lowMap.keySet())) {
                    return false;
                }
                for (Map.Entry<?, ?> entry : lowMap.entrySet()) {
                    int value = actualMap.get((String) entry.getKey());
                    if (value < (Integer) entry.getValue() || value > highMap.get((String) entry.getKey())) {
                        return false;
                    }
                }
            } else {
                long value = ((Number) actual).longValue();
                if (value < ((Number) expected.getValue()).longValue() || value > ((Number) upper).longValue()) {
                    return false;
                }
            }
        }
        return true;
    }
}
