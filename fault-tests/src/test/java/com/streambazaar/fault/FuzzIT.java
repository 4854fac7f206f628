package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every REST operation of every service, from the OpenAPI document each one serves, and every socket event on both
 * protocols, with malformed, wrong-typed, missing, oversized and boundary values, malformed URIs, headers and JSON,
 * and protocol garbage. The rules: an answer within the deadline, never a 5xx, a refusal is a 4xx (or an
 * {@code error} event / refused ack) with a human message, nothing in any body names a class, a stack frame or SQL,
 * and every process is still running afterwards, other rooms unaffected.
 *
 * <p>Seeds: {@code -Dfuzz.seed=S} runs that seed only (with {@code -Dfuzz.case=I}, that one case); otherwise the fixed
 * seed {@value #FIXED_SEED} and a random one, both printed. Cases per seed: {@code -Dfuzz.cases} (REST; sockets get a
 * third of it per protocol).
 */
@ExtendWith(SharedFaultStack.class)
@Order(3)
class FuzzIT {

    static final long FIXED_SEED = 20261202L;
    /** A hung request: no answer in this long (the edge itself gives up after 30 s with a 504). */
    private static final int DEADLINE_MILLIS = 15_000;
    /** The fuzzer's own client address, so the login throttle it trips never touches other tests. */
    private static final String FUZZ_ADDRESS = "127.0.0.7";

    private static Fixtures.User owner;
    private static Fixtures.User viewer;
    private static Fixtures.User victim;
    private static Fixtures.User admin;
    private static Fixtures.Show show;
    private static Fixtures.Show other;
    private static String messageId;

    @BeforeAll
    static void fixtures() {
        owner = Fixtures.register("creator");
        viewer = Fixtures.register("viewer");
        victim = Fixtures.register("viewer");
        // an admin of the fuzzer's own: whatever the fuzz does to it leaves the operator's admin alone
        String name = Fixtures.uniqueName("fzadmin");
        Http.Reply created = Http.post(Fixtures.base() + "/api/users", Fixtures.admin().token(),
                Map.of("username", name, "email", name + "@example.com", "password", "fuzz-admin-pw-1", "role", "admin"));
        assertEquals(201, created.status(), created::toString);
        Http.Reply login = Http.post(Fixtures.base() + "/api/auth/login", null,
                Map.of("username", name, "password", "fuzz-admin-pw-1"));
        assertEquals(200, login.status(), login::toString);
        JsonNode data = login.json().path("data");
        admin = new Fixtures.User(data.path("user").path("id").asLong(), name, "fuzz-admin-pw-1", "admin",
                data.path("accessToken").asText(), data.path("refreshToken").asText());
        show = Fixtures.live(owner, 2);
        other = Fixtures.live(Fixtures.register("creator"), 1);
        Http.Reply chat = Http.post(Fixtures.base() + "/api/sessions/" + show.sessionId() + "/chat", owner.token(),
                Map.of("message", "fuzz fixture"));
        assertEquals(201, chat.status(), chat::toString);
        messageId = chat.json().path("data").path("id").asText();
    }

    static List<Long> seeds() {
        String fixed = System.getProperty("fuzz.seed", "");
        if (!fixed.isBlank()) {
            return List.of(Long.parseLong(fixed.trim()));
        }
        return List.of(FIXED_SEED, System.nanoTime() ^ System.currentTimeMillis());
    }

    static int casesPerSeed() {
        String cases = System.getProperty("fuzz.cases", "");
        return cases.isBlank() ? 2500 : Integer.parseInt(cases.trim());
    }

    // ---------------------------------------------------------------- REST

    @Test
    void everyRestOperationSurvivesBadInput() throws Exception {
        List<OpenApi.Operation> operations = OpenApi.load(Fixtures.base());
        Set<String> services = new java.util.TreeSet<>();
        operations.forEach(op -> services.add(op.service()));
        assertEquals(new java.util.TreeSet<>(OpenApi.SERVICES), services, "every service documents its operations");
        RawClient client = new RawClient(FUZZ_ADDRESS, FaultStack.EDGE_PORT, DEADLINE_MILLIS);
        String only = System.getProperty("fuzz.case", "");
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        int total = 0;
        for (long seed : seeds()) {
            List<RestFuzz.Case> cases = new ArrayList<>(RestFuzz.generate(operations, seed, casesPerSeed()));
            if (!only.isBlank()) {
                cases.removeIf(c -> c.index() != Integer.parseInt(only.trim()));
            }
            // what changes the fixtures (deletions, the owner's own account) runs last
            cases.sort(Comparator.comparingInt(FuzzIT::phase).thenComparingInt(RestFuzz.Case::index));
            System.out.printf("REST fuzz: seed %d, %d cases over %d operations (replay: -Dfuzz.seed=%d)%n", seed,
                    cases.size(), operations.size(), seed);
            long begin = System.nanoTime();
            ExecutorService workers = Executors.newFixedThreadPool(3);
            for (RestFuzz.Case fuzzCase : cases) {
                workers.submit(() -> {
                    RawClient.Answer answer = send(client, fuzzCase);
                    statuses.computeIfAbsent(fuzzCase.op().service() + " " + answer.status(), k -> new AtomicInteger())
                            .incrementAndGet();
                    List<String> problems = new ArrayList<>(Oracle.problems(answer.status(), answer.body(),
                            answer.failure(), fuzzCase.sent()));
                    if (fuzzCase.expect() == RestFuzz.Expect.REFUSAL && answer.status() >= 200 && answer.status() < 300) {
                        problems.add("accepted malformed input");
                    }
                    if (fuzzCase.expect() == RestFuzz.Expect.TOO_LARGE && answer.status() != 413 && answer.status() < 500) {
                        problems.add("an oversized body was not refused with 413");
                    }
                    if (!problems.isEmpty()) {
                        failures.add(problems + "\n    " + fuzzCase.describe() + "\n    -> " + answer);
                    }
                });
            }
            workers.shutdown();
            assertTrue(workers.awaitTermination(10, TimeUnit.MINUTES), "fuzz workers finished");
            total += cases.size();
            System.out.printf("REST fuzz: seed %d done in %.1f s%n", seed, (System.nanoTime() - begin) / 1e9);
        }
        RunReport.add("REST fuzz cases", total);
        System.out.println("REST fuzz answers by service and status: " + new TreeMap<>(statuses));
        assertHealthy();
        assertTrue(failures.isEmpty(), failures.size() + " REST fuzz case(s) broke the rules:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    /** 0: reads and creations; 1: deletions and changes to the callers' own accounts, which change the fixtures. */
    private static int phase(RestFuzz.Case fuzzCase) {
        String key = fuzzCase.op().key();
        return fuzzCase.method().equals("DELETE") || key.startsWith("POST /api/auth/logout")
                || key.contains("/api/auth/update") || key.equals("PUT /api/users/{id}")
                || key.endsWith("/end-stream") || key.endsWith("/status") ? 1 : 0;
    }

    private static RawClient.Answer send(RawClient client, RestFuzz.Case fuzzCase) {
        List<String> headers = new ArrayList<>();
        for (String header : fuzzCase.headers()) {
            headers.add(resolve(header).replace("TOKEN", owner.token()));
        }
        String token = switch (fuzzCase.token()) {
            case "owner" -> owner.token();
            case "admin" -> admin.token();
            case "viewer" -> viewer.token();
            default -> null;
        };
        if (token != null && headers.stream().noneMatch(h -> h.startsWith("Authorization"))) {
            headers.add("Authorization: Bearer " + token);
        }
        byte[] body = fuzzCase.body() == null ? null
                : fuzzCase.body().length > 100_000 ? fuzzCase.body()
                : resolve(new String(fuzzCase.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        if (fuzzCase.kind().equals("invalid utf-8")) {
            body = fuzzCase.body();
        }
        return client.send(fuzzCase.method(), resolve(fuzzCase.target()), headers, body);
    }

    static String resolve(String text) {
        return text.replace("{{session}}", show.sessionId())
                .replace("{{SESSION}}", show.sessionId().toUpperCase())
                .replace("{{other}}", other.sessionId())
                .replace("{{product}}", show.productIds().get(0))
                .replace("{{message}}", messageId)
                .replace("{{viewer}}", String.valueOf(viewer.id()))
                .replace("{{victim}}", String.valueOf(victim.id()))
                .replace("{{owner}}", String.valueOf(owner.id()))
                .replace("{{refresh}}", owner.refreshToken());
    }

    // ---------------------------------------------------------------- sockets

    @Test
    void everySocketEventSurvivesBadInputOnBothProtocols() throws Exception {
        // rooms and people of their own: the REST fuzz may have ended, deleted or demoted its fixtures
        owner = Fixtures.register("creator");
        viewer = Fixtures.register("viewer");
        show = Fixtures.live(owner, 2);
        other = Fixtures.live(Fixtures.register("creator"), 1);
        // a room member elsewhere must not notice anything
        WireSocket sentinel = WsWire.joined(SharedFaultStack.stack().wsUrl() + "/ws", null, other.sessionId());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int total = 0;
        String only = System.getProperty("fuzz.case", "");
        for (long seed : seeds()) {
            for (SocketFuzz.Protocol protocol : SocketFuzz.Protocol.values()) {
                List<SocketFuzz.Case> cases = new ArrayList<>(SocketFuzz.generate(protocol, seed, Math.max(300, casesPerSeed() / 3)));
                if (!only.isBlank()) {
                    cases.removeIf(c -> c.index() != Integer.parseInt(only.trim()));
                }
                System.out.printf("Socket fuzz: %s seed %d, %d cases (replay: -Dfuzz.seed=%d)%n", protocol, seed,
                        cases.size(), seed);
                long begin = System.nanoTime();
                int workers = 6;
                ExecutorService pool = Executors.newFixedThreadPool(workers);
                for (int w = 0; w < workers; w++) {
                    int worker = w;
                    List<SocketFuzz.Case> slice = new ArrayList<>();
                    for (int i = worker; i < cases.size(); i += workers) {
                        slice.add(cases.get(i));
                    }
                    pool.submit(() -> {
                        try {
                            new SocketFuzzRunner(protocol, worker, show, other, owner, viewer, failures).run(slice);
                        } catch (Throwable e) {
                            failures.add("socket fuzz worker " + worker + " failed: " + e);
                        }
                    });
                }
                pool.shutdown();
                assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES), "socket fuzz workers finished");
                total += cases.size();
                System.out.printf("Socket fuzz: %s seed %d done in %.1f s%n", protocol, seed, (System.nanoTime() - begin) / 1e9);
            }
        }
        RunReport.add("socket fuzz cases (both protocols)", total);
        // the other room still works: a message there reaches its member
        String text = "sentinel " + System.nanoTime();
        Http.Reply posted = Http.post(Fixtures.base() + "/api/sessions/" + other.sessionId() + "/chat",
                other.creator().token(), Map.of("message", text));
        assertEquals(201, posted.status(), posted::toString);
        assertTrue(sentinel.await(line -> line.contains(text), 0, Duration.ofSeconds(15)) != null,
                "a member of another room still gets its chat: " + sentinel.received());
        sentinel.close();
        assertHealthy();
        assertTrue(failures.isEmpty(), failures.size() + " socket fuzz case(s) broke the rules:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }

    /** Every process runs and every service is live and ready. */
    static void assertHealthy() {
        assertEquals(List.of(), SharedFaultStack.stack().deadProcesses(), "no process crashed");
        for (Map.Entry<String, Integer> service : FaultStack.PORTS.entrySet()) {
            Http.Reply ready = Http.get("http://127.0.0.1:" + service.getValue() + "/q/health/ready", null);
            assertEquals(200, ready.status(), () -> service.getKey() + " is ready: " + ready);
        }
    }
}
