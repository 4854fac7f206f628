package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What must hold after a fault: the chat history as clients read it, and analytics against the ground truth. */
final class Verify {

    private Verify() {
    }

    /** The whole chat history of a session through the REST API (pages of 100, oldest first): id → text, in order. */
    static List<String[]> chatHistory(String sessionId) {
        List<String[]> all = new ArrayList<>();
        String before = null;
        while (true) {
            Http.Reply page = Http.get(Fixtures.base() + "/api/sessions/" + sessionId + "/chat?limit=100"
                    + (before == null ? "" : "&before=" + before), null);
            assertEquals(200, page.status(), page::toString);
            List<String[]> messages = new ArrayList<>();
            for (JsonNode message : page.json().path("data")) {
                messages.add(new String[]{message.path("id").asText(), message.path("message").asText()});
            }
            all.addAll(0, messages);
            if (messages.size() < 100) {
                return all;
            }
            before = messages.get(0)[0];
        }
    }

    /** Problems with the history: an acknowledged message missing, or any message stored more than once. */
    static List<String> historyProblems(Map<String, String> accepted, List<String[]> history) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> byId = new HashMap<>();
        Map<String, Integer> byText = new HashMap<>();
        for (String[] message : history) {
            byId.merge(message[0], 1, Integer::sum);
            byText.merge(message[1], 1, Integer::sum);
        }
        accepted.forEach((id, text) -> {
            if (!byId.containsKey(id)) {
                problems.add("acknowledged message missing from the history: " + id + " " + text);
            }
        });
        byId.forEach((id, n) -> {
            if (n > 1) {
                problems.add("message " + id + " is in the history " + n + " times");
            }
        });
        byText.forEach((text, n) -> {
            if (n > 1 && accepted.containsValue(text)) {
                problems.add("text stored " + n + " times: " + text);
            }
        });
        return problems;
    }

    /** Messages the API acknowledged that are not in the history. */
    static long lost(Map<String, String> accepted, List<String[]> history) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        history.forEach(m -> ids.add(m[0]));
        return accepted.keySet().stream().filter(id -> !ids.contains(id)).count();
    }

    /** The session's figures as analytics answers them, in the ground truth's terms. */
    static Map<String, Object> analytics(Fixtures.Show show) {
        Http.Reply reply = Http.get(Fixtures.base() + "/api/sessions/" + show.sessionId() + "/analytics", show.creator().token());
        assertEquals(200, reply.status(), reply::toString);
        JsonNode body = reply.json();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("views", body.path("viewers").path("total").asLong());
        figures.put("unique viewers", body.path("viewers").path("unique").asLong());
        Map<String, Integer> reactions = new TreeMap<>();
        body.path("reactions").path("breakdown").fields().forEachRemaining(e -> {
            if (e.getValue().asInt() > 0) {
                reactions.put(e.getKey(), e.getValue().asInt());
            }
        });
        figures.put("reactions", reactions);
        Map<String, Integer> clicks = new TreeMap<>();
        Map<String, Integer> clickers = new TreeMap<>();
        for (JsonNode product : body.path("products").path("list")) {
            if (product.path("totalClicks").asInt() > 0) {
                clicks.put(product.path("productId").asText(), product.path("totalClicks").asInt());
                clickers.put(product.path("productId").asText(), product.path("uniqueClicks").asInt());
            }
        }
        figures.put("clicks", clicks);
        figures.put("clickers", clickers);
        figures.put("messages", body.path("engagement").path("messages").asLong());
        return figures;
    }

    static Map<String, Object> expected(LiveTraffic.Truth truth, long earlierMessages) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("views", (long) truth.viewers.size());
        figures.put("unique viewers", (long) truth.viewers.size());
        figures.put("reactions", new TreeMap<>(truth.reactions));
        figures.put("clicks", new TreeMap<>(truth.clicks));
        Map<String, Integer> clickers = new TreeMap<>();
        truth.clickers.forEach((product, who) -> clickers.put(product, who.size()));
        figures.put("clickers", clickers);
        figures.put("messages", truth.messages.size() + earlierMessages);
        return figures;
    }

    /** Waits (up to {@code timeout}) until analytics equals the ground truth; returns the last figures seen. */
    static Map<String, Object> awaitAnalytics(Fixtures.Show show, Map<String, Object> expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> last;
        do {
            last = analytics(show);
            if (last.equals(expected)) {
                return last;
            }
            Fixtures.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return last;
    }
}
