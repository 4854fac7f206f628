package com.streambazaar.fault;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka goes away for 30 seconds in the middle of a live show — chat over REST and both socket protocols, reactions,
 * clicks and new viewers joining all the while — and comes back. Nothing the API acknowledged is lost or doubled:
 * the chat history holds every accepted message exactly once, analytics equals the count the test kept, REST kept
 * answering and no socket lost its connection; once the broker is back, every member hears every message.
 */
@ExtendWith(SharedFaultStack.class)
@Order(4)
class BrokerOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aBrokerOutageDuringALiveShowLosesAndDoublesNothing() throws Exception {
        FaultStack stack = SharedFaultStack.stack();
        Fixtures.User creator = Fixtures.register("creator");
        Fixtures.Show show = Fixtures.live(creator, 2);
        List<Fixtures.User> chatters = List.of(Fixtures.register("viewer"), Fixtures.register("viewer"),
                Fixtures.register("viewer"));
        try (LiveTraffic traffic = new LiveTraffic(show, chatters)) {
            traffic.join(true, chatters.get(0));
            traffic.join(true, null);
            traffic.join(false, chatters.get(1));
            traffic.join(false, null);
            traffic.join(true, Fixtures.register("viewer"));
            List<LiveTraffic.Client> before = traffic.clients();
            traffic.start();
            Fixtures.sleep(6000);

            long down = System.currentTimeMillis();
            stack.control("stop", "kafka");
            Fixtures.sleep(8000);
            // viewers keep arriving while the broker is away
            traffic.join(true, null);
            traffic.join(false, Fixtures.register("viewer"));
            Fixtures.sleep(Math.max(0, down + OUTAGE.toMillis() - System.currentTimeMillis()));
            stack.control("start", "kafka");
            long up = System.currentTimeMillis();
            System.out.printf("Broker outage: %.1f s (stopped, %d s away, started and ready)%n", (up - down) / 1000.0,
                    OUTAGE.toSeconds());
            Fixtures.sleep(6000);
            traffic.stop();

            List<String> problems = new ArrayList<>();
            // the truth was told meanwhile: REST answered, quickly, and no socket dropped
            for (LiveTraffic.RestCall call : traffic.restCalls()) {
                if (call.status() < 0 || call.status() >= 500 || call.millis() > 5000) {
                    problems.add("REST during the outage: " + call.what() + " at +" + (call.atMillis() - down) + " ms -> "
                            + call.status() + " in " + call.millis() + " ms " + call.body());
                }
            }
            for (LiveTraffic.Client client : traffic.clients()) {
                if (!client.drops().isEmpty()) {
                    problems.add(client.name + " lost its connection: " + client.drops());
                }
            }
            LiveTraffic.Truth truth = traffic.truth();
            System.out.println("Broker outage ground truth: " + truth + "; refusals " + traffic.refusals()
                    + "; REST refusals " + traffic.restRefused());
            assertTrue(truth.unanswered.isEmpty(), "every socket action was answered: " + truth.unanswered);
            assertTrue(truth.messages.size() > 40, "chat flowed: " + truth.messages.size());

            // every accepted message is in the history exactly once
            List<String[]> history = Verify.chatHistory(show.sessionId());
            problems.addAll(Verify.historyProblems(truth.messages, history));
            long lost = Verify.lost(truth.messages, history);
            RunReport.add("chat messages acknowledged (broker outage)", truth.messages.size());
            RunReport.add("chat messages lost", lost);

            // analytics counts exactly what was acknowledged: nothing lost, nothing twice
            Map<String, Object> expected = Verify.expected(truth, 0);
            Map<String, Object> figures = Verify.awaitAnalytics(show, expected, Duration.ofSeconds(90));
            if (!figures.equals(expected)) {
                problems.add("analytics after the outage " + figures + " but the ground truth is " + expected);
            }

            // once the broker is back, every member who was there from the start hears every message, once: the other
            // replica's fan-out catches up within seconds (its consumer rejoins, the outbox relay sends its backlog)
            long caughtUp = System.currentTimeMillis() + 45_000;
            while (System.currentTimeMillis() < caughtUp && before.stream().anyMatch(client -> !client.heardMessages()
                    .keySet().containsAll(truth.messages.keySet()))) {
                Fixtures.sleep(500);
            }
            System.out.printf("Every member heard every message %.1f s after the broker was back%n",
                    (System.currentTimeMillis() - up) / 1000.0);
            for (LiveTraffic.Client client : before) {
                Map<String, Integer> heard = client.heardMessages();
                long missing = truth.messages.keySet().stream().filter(id -> !heard.containsKey(id)).count();
                long twice = heard.values().stream().filter(n -> n > 1).count();
                if (missing > 0 || twice > 0) {
                    problems.add(client.name + " (" + (client.socketIo ? "socket.io" : "ws") + ") missed " + missing
                            + " and heard " + twice + " message(s) more than once");
                }
            }
            assertEquals(List.of(), problems, "after a " + OUTAGE.toSeconds() + " s broker outage\n"
                    + String.join("\n", problems));
        }
    }
}
