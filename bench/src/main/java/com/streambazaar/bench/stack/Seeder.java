package com.streambazaar.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Realistic data through the public API (so every read model is filled the way production fills it): creators and
 * viewers sign up, each creator lists products, then schedules sessions showing some of them; one session per
 * creator goes live. Titles come from a small vocabulary so that a search for one word matches a share of sessions.
 */
public final class Seeder {

    /** Words titles are made of; a search for one of them matches about 3 / 24 of the sessions. */
    public static final List<String> WORDS = List.of("vintage", "denim", "sneakers", "summer", "winter", "jackets",
            "handmade", "jewelry", "skincare", "gadgets", "kitchen", "coffee", "outdoor", "vinyl", "retro", "linen",
            "silk", "leather", "ceramics", "plants", "books", "toys", "watches", "bags");
    private static final List<String> CATEGORIES = List.of("Fashion", "Beauty", "Home", "Electronics", "Outdoor",
            "Collectibles");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the benchmark seeded: ids to request and accounts to act with. */
    public record Data(List<Account> creators, List<Account> viewers, List<UUID> products, List<UUID> sessions,
                       List<String> searchTerms, double seconds) {
    }

    public record Account(long id, String username, String password, String token) {
    }

    private final String baseUrl;
    private final HttpClient client;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    public Seeder(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Data seed(int creators, int viewers, int products, int sessions) throws Exception {
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Account> creatorAccounts = all(pool, creators, i -> register("creator", i));
            List<Account> viewerAccounts = all(pool, viewers, i -> register("viewer", i));
            Random random = new Random(12);
            List<List<UUID>> byCreator = new ArrayList<>();
            for (int c = 0; c < creators; c++) {
                byCreator.add(Collections.synchronizedList(new ArrayList<>()));
            }
            List<UUID> productIds = all(pool, products, i -> {
                int c = i % creators;
                UUID id = createProduct(creatorAccounts.get(c), i, new Random(i));
                byCreator.get(c).add(id);
                return id;
            });
            List<UUID> sessionIds = all(pool, sessions, i -> {
                int c = i % creators;
                List<UUID> own = new ArrayList<>(byCreator.get(c));
                Collections.shuffle(own, new Random(i));
                return createSession(creatorAccounts.get(c), i, own.subList(0, Math.min(5, own.size())), new Random(i));
            });
            // one live session per creator (a creator streams one show at a time)
            all(pool, Math.min(creators, sessions), i -> {
                startStream(creatorAccounts.get(i), sessionIds.get(i));
                return null;
            });
            List<String> terms = new ArrayList<>(WORDS);
            Collections.shuffle(terms, random);
            return new Data(creatorAccounts, viewerAccounts, productIds, sessionIds, terms,
                    (System.nanoTime() - begin) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> all(ExecutorService pool, int count, Task<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit((Callable<T>) () -> task.run(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    public Account register(String role, int index) throws Exception {
        String username = "b" + run + "_" + role.charAt(0) + index;
        String password = "bench-password-" + index;
        JsonNode data = post("/api/auth/register", Map.of("username", username, "email", username + "@bench.test",
                "password", password, "role", role), null, 201).path("data");
        return new Account(data.path("user").path("id").asLong(), username, password, data.path("accessToken").asText());
    }

    /** A fresh access token for an account (they live 15 minutes; a full run takes longer). */
    public Account login(Account account) throws Exception {
        JsonNode data = post("/api/auth/login", Map.of("username", account.username(), "password", account.password()),
                null, 200).path("data");
        return new Account(account.id(), account.username(), account.password(), data.path("accessToken").asText());
    }

    private UUID createProduct(Account creator, int index, Random random) throws Exception {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", capital(word) + " " + WORDS.get(random.nextInt(WORDS.size())) + " #" + index);
        body.put("description", "A " + word + " piece from the bench shop, in stock and ready to ship. " + index);
        body.put("price", String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(200), random.nextInt(100)));
        body.put("category", CATEGORIES.get(random.nextInt(CATEGORIES.size())));
        body.put("stock", 10 + random.nextInt(90));
        body.put("imageUrl", "https://cdn.example.com/bench/" + index + ".jpg");
        JsonNode product = post("/api/products", body, creator.token(), 201);
        return UUID.fromString(product.path("id").asText());
    }

    private UUID createSession(Account creator, int index, List<UUID> products, Random random) throws Exception {
        String a = WORDS.get(random.nextInt(WORDS.size()));
        String b = WORDS.get(random.nextInt(WORDS.size()));
        String c = WORDS.get(random.nextInt(WORDS.size()));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", capital(a) + " and " + b + " live #" + index);
        body.put("description", "Live shopping: " + a + ", " + b + " and " + c + " from " + creator.username());
        body.put("category", CATEGORIES.get(random.nextInt(CATEGORIES.size())));
        body.put("tags", List.of(a, c));
        body.put("productIds", products.stream().map(UUID::toString).toList());
        JsonNode session = post("/api/sessions", body, creator.token(), 201).path("data");
        return UUID.fromString(session.path("id").asText());
    }

    public void startStream(Account creator, UUID session) throws Exception {
        post("/api/sessions/" + session + "/start-stream", null, creator.token(), 200);
    }

    /** A new live session of this creator (the socket scenarios' rooms). */
    public UUID liveSession(Account creator, String title) throws Exception {
        JsonNode session = post("/api/sessions", Map.of("title", title), creator.token(), 201).path("data");
        UUID id = UUID.fromString(session.path("id").asText());
        startStream(creator, id);
        return id;
    }

    private JsonNode post(String path, Object body, String token, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // 503: auth-service's hashing queue is full (a burst of sign-ups); wait and try again
            if (response.statusCode() == 503 && attempt < 20) {
                Thread.sleep(200L * attempt);
                continue;
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
