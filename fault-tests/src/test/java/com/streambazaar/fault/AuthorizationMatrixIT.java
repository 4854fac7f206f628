package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what: for every REST operation of every service (the table must name each operation the OpenAPI
 * documents list) and every socket event on both protocols, ten kinds of caller and the answer each must get. Real
 * tokens come from auth-service through the edge; the refused ones are built here: a real token with edited claims,
 * one signed by auth-service's real key but expired, one signed by an unknown key under the real key id, an unsigned
 * one, and a refresh token presented as an access token — each claiming the owner's id and the admin role.
 *
 * <p>The table is written to {@code target/authorization-matrix.md}; the test prints how many cells it checked.
 */
@ExtendWith(SharedFaultStack.class)
@Order(2)
class AuthorizationMatrixIT {

    enum Caller {
        GUEST("guest"), VIEWER("viewer"), OTHER_CREATOR("another creator"), OWNER("owner"), ADMIN("admin"),
        FORGED("forged claims"), EXPIRED("expired"), UNKNOWN_KEY("unknown key"), ALG_NONE("alg none"),
        REFRESH_AS_ACCESS("refresh token");

        final String label;

        Caller(String label) {
            this.label = label;
        }

        boolean invalid() {
            return ordinal() >= FORGED.ordinal();
        }
    }

    /**
     * Who a route lets in. OWNER: the owner, and admins; OWNER_ONLY: the owner alone (a publisher token lets its holder
     * broadcast as the creator, which not even an admin may do).
     */
    enum Access { PUBLIC, SIGNED_IN, SELF, CREATOR, OWNER, OWNER_ONLY, ADMIN }

    /** The expected answer of one cell. */
    enum Outcome {
        OK("2xx"), UNAUTHORIZED("401"), FORBIDDEN("403"), OK_OR_UNAUTHORIZED("2xx as a guest, or 401");

        final String shown;

        Outcome(String shown) {
            this.shown = shown;
        }

        boolean accepts(int status) {
            return switch (this) {
                case OK -> status >= 200 && status < 300;
                case UNAUTHORIZED -> status == 401;
                case FORBIDDEN -> status == 403;
                case OK_OR_UNAUTHORIZED -> (status >= 200 && status < 300) || status == 401;
            };
        }
    }

    static Outcome expected(Access access, Caller caller) {
        if (caller.invalid()) {
            return access == Access.PUBLIC ? Outcome.OK_OR_UNAUTHORIZED : Outcome.UNAUTHORIZED;
        }
        return switch (access) {
            case PUBLIC -> Outcome.OK;
            case SIGNED_IN, SELF -> caller == Caller.GUEST ? Outcome.UNAUTHORIZED : Outcome.OK;
            case CREATOR -> caller == Caller.GUEST ? Outcome.UNAUTHORIZED
                    : caller == Caller.VIEWER ? Outcome.FORBIDDEN : Outcome.OK;
            case OWNER -> caller == Caller.GUEST ? Outcome.UNAUTHORIZED
                    : caller == Caller.OWNER || caller == Caller.ADMIN ? Outcome.OK : Outcome.FORBIDDEN;
            case OWNER_ONLY -> caller == Caller.GUEST ? Outcome.UNAUTHORIZED
                    : caller == Caller.OWNER ? Outcome.OK : Outcome.FORBIDDEN;
            case ADMIN -> caller == Caller.GUEST ? Outcome.UNAUTHORIZED
                    : caller == Caller.ADMIN ? Outcome.OK : Outcome.FORBIDDEN;
        };
    }

    /** A concrete request of one cell; {@code token}: null = the caller's own token. */
    record Request(String path, Object body, String token) {
        static Request of(String path) {
            return new Request(path, null, null);
        }

        static Request of(String path, Object body) {
            return new Request(path, body, null);
        }
    }

    /** One route of the table: method, documented path, access rule, and how to make a cell's request. */
    record Row(String method, String path, Access access, BiFunction<Caller, Ctx, Request> request, String note) {
        String key() {
            return method + " " + normalized(path);
        }
    }

    /** The shared fixtures and the callers' tokens. */
    static final class Ctx {
        Fixtures.User owner;
        Fixtures.User viewer;
        Fixtures.User other;
        Fixtures.User admin;
        Fixtures.User refreshHolder;
        Fixtures.Show live;
        String scheduled;
        String secretSession;
        String product;
        String message;
        final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

        String token(Caller caller) {
            return tokens.get(caller);
        }

        /** A caller of this kind with a fresh account (for routes that change the caller's own account). */
        String freshToken(Caller caller) {
            return switch (caller) {
                case VIEWER -> Fixtures.register("viewer").token();
                case OTHER_CREATOR, OWNER -> Fixtures.register("creator").token();
                case ADMIN -> freshAdmin().token();
                default -> token(caller);
            };
        }

        Fixtures.User freshAdmin() {
            String name = Fixtures.uniqueName("adm");
            Http.Reply created = Http.post(base() + "/api/users", admin.token(), Map.of("username", name,
                    "email", name + "@example.com", "password", "matrix-admin-pw", "role", "admin"));
            assertEquals(201, created.status(), created::toString);
            Http.Reply login = Http.post(base() + "/api/auth/login", null, Map.of("username", name, "password", "matrix-admin-pw"));
            assertEquals(200, login.status(), login::toString);
            return new Fixtures.User(login.json().path("data").path("user").path("id").asLong(), name, "matrix-admin-pw",
                    "admin", login.json().path("data").path("accessToken").asText(),
                    login.json().path("data").path("refreshToken").asText());
        }

        String freshProduct() {
            return Fixtures.product(owner, "Matrix item");
        }

        String freshScheduled() {
            Http.Reply created = Http.post(base() + "/api/sessions", owner.token(), Map.of("title", "Matrix show"));
            assertEquals(201, created.status(), created::toString);
            return created.json().path("data").path("id").asText();
        }

        String freshLive() {
            String id = freshScheduled();
            Http.Reply started = Http.post(base() + "/api/sessions/" + id + "/start-stream", owner.token(), null);
            assertEquals(200, started.status(), started::toString);
            return id;
        }

        /** A product of the owner linked to the scheduled session. */
        String freshLinkedProduct() {
            String product = freshProduct();
            Http.Reply linked = Http.post(base() + "/api/sessions/" + scheduled + "/products", owner.token(),
                    Map.of("productId", product));
            assertEquals(201, linked.status(), linked::toString);
            return product;
        }

        String freshMessage() {
            Http.Reply posted = Http.post(base() + "/api/sessions/" + live.sessionId() + "/chat", owner.token(),
                    Map.of("message", "matrix " + System.nanoTime()));
            assertEquals(201, posted.status(), posted::toString);
            return posted.json().path("data").path("id").asText();
        }

        long timedOutUser() {
            long user = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
            Http.Reply timeout = Http.post(base() + "/api/sessions/" + live.sessionId() + "/chat/timeouts", owner.token(),
                    Map.of("userId", user, "durationSeconds", 60));
            assertEquals(201, timeout.status(), timeout::toString);
            return user;
        }
    }

    private static final Ctx CTX = new Ctx();

    static String base() {
        return Fixtures.base();
    }

    @BeforeAll
    static void fixtures() throws IOException {
        CTX.owner = Fixtures.register("creator");
        CTX.viewer = Fixtures.register("viewer");
        CTX.other = Fixtures.register("creator");
        CTX.admin = Fixtures.admin();
        CTX.refreshHolder = Fixtures.register("viewer");
        CTX.live = Fixtures.live(CTX.owner, 2);
        CTX.scheduled = Fixtures.scheduled(CTX.owner, 1).sessionId();
        CTX.product = Fixtures.product(CTX.owner, "Matrix product");
        Http.Reply secret = Http.post(base() + "/api/sessions", CTX.owner.token(),
                Map.of("title", "Secret key show", "streamKey", "sk-matrix-secret"));
        assertEquals(201, secret.status(), secret::toString);
        CTX.secretSession = secret.json().path("data").path("id").asText();
        CTX.message = CTX.freshMessage();
        Map.Entry<String, String> key = SharedFaultStack.stack().signingKey();
        CTX.tokens.put(Caller.VIEWER, CTX.viewer.token());
        CTX.tokens.put(Caller.OTHER_CREATOR, CTX.other.token());
        CTX.tokens.put(Caller.OWNER, CTX.owner.token());
        CTX.tokens.put(Caller.ADMIN, CTX.admin.token());
        CTX.tokens.put(Caller.FORGED, Tokens.forged(CTX.viewer.token(), CTX.owner.id()));
        CTX.tokens.put(Caller.EXPIRED, Tokens.expired(key, CTX.owner.id(), CTX.owner.username()));
        CTX.tokens.put(Caller.UNKNOWN_KEY, Tokens.unknownKey(key.getKey(), CTX.owner.id(), CTX.owner.username()));
        CTX.tokens.put(Caller.ALG_NONE, Tokens.algNone(CTX.owner.id(), CTX.owner.username()));
        CTX.tokens.put(Caller.REFRESH_AS_ACCESS, CTX.refreshHolder.refreshToken());
        // analytics knows the show once its session events arrived
        Http.Reply analytics = null;
        for (int i = 0; i < 100; i++) {
            analytics = Http.get(base() + "/api/sessions/" + CTX.live.sessionId() + "/analytics", CTX.owner.token());
            if (analytics.status() == 200) {
                break;
            }
            Fixtures.sleep(200);
        }
        assertEquals(200, analytics.status(), String.valueOf(analytics));
    }

    static List<Row> table() {
        String live = "/api/sessions/" + CTX.live.sessionId();
        List<Row> rows = new ArrayList<>();
        // ---- auth-service
        rows.add(row("GET", "/.well-known/jwks.json", Access.PUBLIC, (c, x) -> Request.of("/.well-known/jwks.json")));
        rows.add(row("GET", "/api/auth/currentUser", Access.SIGNED_IN, (c, x) -> Request.of("/api/auth/currentUser")));
        rows.add(row("GET", "/api/auth/me", Access.SIGNED_IN, (c, x) -> Request.of("/api/auth/me")));
        rows.add(row("POST", "/api/auth/login", Access.PUBLIC, (c, x) -> Request.of("/api/auth/login",
                Map.of("username", x.refreshHolder.username(), "password", x.refreshHolder.password()))));
        rows.add(row("POST", "/api/auth/register", Access.PUBLIC, (c, x) -> {
            String name = Fixtures.uniqueName("reg");
            return Request.of("/api/auth/register", Map.of("username", name, "email", name + "@example.com",
                    "password", "matrix-password-1"));
        }));
        rows.add(row("POST", "/api/auth/refresh-token", Access.PUBLIC, (c, x) -> Request.of("/api/auth/refresh-token",
                Map.of("refreshToken", Fixtures.register("viewer").refreshToken()))));
        rows.add(row("POST", "/api/auth/logout", Access.SELF, (c, x) -> new Request("/api/auth/logout", Map.of(),
                x.freshToken(c))));
        rows.add(row("POST", "/api/auth/update", Access.SELF, (c, x) -> new Request("/api/auth/update",
                Map.of("username", Fixtures.uniqueName("upd")), x.freshToken(c))));
        rows.add(row("PUT", "/api/auth/update", Access.SELF, (c, x) -> new Request("/api/auth/update",
                Map.of("username", Fixtures.uniqueName("upd")), x.freshToken(c))));
        rows.add(row("GET", "/api/users", Access.PUBLIC, (c, x) -> Request.of("/api/users")));
        rows.add(row("GET", "/api/users/live", Access.PUBLIC, (c, x) -> Request.of("/api/users/live")));
        rows.add(row("GET", "/api/users/{id}", Access.PUBLIC, (c, x) -> Request.of("/api/users/" + x.viewer.id())));
        rows.add(row("POST", "/api/users", Access.ADMIN, (c, x) -> {
            String name = Fixtures.uniqueName("made");
            return Request.of("/api/users", Map.of("username", name, "email", name + "@example.com",
                    "password", "matrix-password-1", "role", "viewer"));
        }));
        rows.add(row("PUT", "/api/users/{id}", Access.ADMIN, (c, x) -> Request.of("/api/users/"
                + Fixtures.register("viewer").id(), Map.of("username", Fixtures.uniqueName("ren")))));
        rows.add(row("DELETE", "/api/users/{id}", Access.ADMIN, (c, x) -> Request.of("/api/users/"
                + Fixtures.register("viewer").id())));
        // ---- catalog-service
        rows.add(row("GET", "/api/products", Access.SIGNED_IN, (c, x) -> Request.of("/api/products")));
        rows.add(row("GET", "/api/products/in-stock", Access.SIGNED_IN, (c, x) -> Request.of("/api/products/in-stock")));
        rows.add(row("GET", "/api/products/category/{category}", Access.SIGNED_IN,
                (c, x) -> Request.of("/api/products/category/Fault%20tests")));
        rows.add(row("GET", "/api/products/categories", Access.PUBLIC, (c, x) -> Request.of("/api/products/categories")));
        rows.add(row("GET", "/api/products/{id}", Access.PUBLIC, (c, x) -> Request.of("/api/products/" + x.product)));
        rows.add(row("POST", "/api/products", Access.CREATOR, (c, x) -> Request.of("/api/products",
                Map.of("name", "Matrix new", "price", 5))));
        rows.add(row("PUT", "/api/products/{id}", Access.OWNER, (c, x) -> Request.of("/api/products/" + x.product,
                Map.of("description", "changed by " + c.label))));
        rows.add(row("DELETE", "/api/products/{id}", Access.OWNER, (c, x) -> Request.of("/api/products/" + x.freshProduct())));
        rows.add(row("POST", "/api/products/{id}/stock/decrement", Access.OWNER, (c, x) -> Request.of("/api/products/"
                + x.product + "/stock/decrement", Map.of("quantity", 1))));
        rows.add(row("GET", "/api/search/products", Access.PUBLIC, (c, x) -> Request.of("/api/search/products?q=Matrix")));
        // ---- session-service
        rows.add(row("GET", "/api/search", Access.PUBLIC, (c, x) -> Request.of("/api/search?q=show")));
        rows.add(row("GET", "/api/search/sessions", Access.PUBLIC, (c, x) -> Request.of("/api/search/sessions?q=show")));
        rows.add(row("GET", "/api/search/sessions/live", Access.PUBLIC, (c, x) -> Request.of("/api/search/sessions/live")));
        rows.add(row("GET", "/api/search/sessions/trending", Access.PUBLIC, (c, x) -> Request.of("/api/search/sessions/trending")));
        rows.add(row("GET", "/api/search/sessions/upcoming", Access.PUBLIC, (c, x) -> Request.of("/api/search/sessions/upcoming")));
        rows.add(row("GET", "/api/search/sessions/creator/{creatorId}", Access.PUBLIC,
                (c, x) -> Request.of("/api/search/sessions/creator/" + x.owner.id())));
        rows.add(row("GET", "/api/sessions", Access.SIGNED_IN, (c, x) -> Request.of("/api/sessions")));
        rows.add(row("POST", "/api/sessions", Access.CREATOR, (c, x) -> Request.of("/api/sessions",
                Map.of("title", "Matrix by " + c.label))));
        rows.add(row("GET", "/api/sessions/{id}", Access.PUBLIC, (c, x) -> Request.of("/api/sessions/" + x.secretSession),
                "streamKey only for the owner"));
        rows.add(row("PUT", "/api/sessions/{id}", Access.OWNER, (c, x) -> Request.of("/api/sessions/" + x.scheduled,
                Map.of("description", "changed by " + c.label))));
        rows.add(row("DELETE", "/api/sessions/{id}", Access.OWNER, (c, x) -> Request.of("/api/sessions/" + x.freshScheduled())));
        rows.add(row("POST", "/api/sessions/{id}/start-stream", Access.OWNER,
                (c, x) -> Request.of("/api/sessions/" + x.freshScheduled() + "/start-stream")));
        rows.add(row("POST", "/api/sessions/{id}/end-stream", Access.OWNER,
                (c, x) -> Request.of("/api/sessions/" + x.freshLive() + "/end-stream")));
        rows.add(row("PATCH", "/api/sessions/{id}/status", Access.OWNER,
                (c, x) -> Request.of("/api/sessions/" + x.freshScheduled() + "/status", Map.of("status", "ended"))));
        rows.add(row("GET", "/api/sessions/{id}/stream-token", Access.PUBLIC, (c, x) -> Request.of(live + "/stream-token")));
        rows.add(row("POST", "/api/sessions/{id}/refresh-token", Access.PUBLIC,
                (c, x) -> Request.of(live + "/refresh-token", Map.of("role", "subscriber")), "subscriber"));
        rows.add(row("POST", "/api/sessions/{id}/refresh-token", Access.OWNER_ONLY,
                (c, x) -> Request.of(live + "/refresh-token", Map.of("role", "publisher")), "publisher"));
        rows.add(row("POST", "/api/sessions/{id}/showcase", Access.OWNER, (c, x) -> Request.of(live + "/showcase",
                Map.of("productId", x.live.productIds().get(0)))));
        rows.add(row("GET", "/api/sessions/{sid}/products", Access.PUBLIC,
                (c, x) -> Request.of("/api/sessions/" + x.scheduled + "/products")));
        rows.add(row("POST", "/api/sessions/{sid}/products", Access.OWNER, (c, x) -> Request.of("/api/sessions/"
                + x.scheduled + "/products", Map.of("productId", x.freshProduct()))));
        rows.add(row("PATCH", "/api/sessions/{sid}/products", Access.OWNER, (c, x) -> Request.of("/api/sessions/"
                + x.live.sessionId() + "/products", Map.of("productIds", List.of(x.live.productIds().get(0))))));
        rows.add(row("DELETE", "/api/sessions/{sid}/products/{pid}", Access.OWNER, (c, x) -> Request.of("/api/sessions/"
                + x.scheduled + "/products/" + x.freshLinkedProduct())));
        rows.add(row("PATCH", "/api/sessions/{sid}/products/{pid}/feature", Access.OWNER, (c, x) -> Request.of(
                live + "/products/" + x.live.productIds().get(1) + "/feature", Map.of("featured", true))));
        rows.add(row("PATCH", "/api/sessions/{sid}/products/{pid}/order", Access.OWNER, (c, x) -> Request.of(
                live + "/products/" + x.live.productIds().get(1) + "/order", Map.of("displayOrder", 3))));
        rows.add(row("GET", "/api/test-agora", Access.ADMIN, (c, x) -> Request.of("/api/test-agora")));
        // ---- realtime-service
        rows.add(row("GET", "/api/sessions/{sessionId}/chat", Access.PUBLIC, (c, x) -> Request.of(live + "/chat")));
        rows.add(row("GET", "/api/sessions/{sessionId}/chat/count", Access.PUBLIC, (c, x) -> Request.of(live + "/chat/count")));
        rows.add(row("POST", "/api/sessions/{sessionId}/chat", Access.SIGNED_IN, (c, x) -> Request.of(live + "/chat",
                Map.of("message", "hello from " + c.label))));
        rows.add(row("DELETE", "/api/sessions/{sessionId}/chat/{messageId}", Access.OWNER,
                (c, x) -> Request.of(live + "/chat/" + x.freshMessage())));
        rows.add(row("GET", "/api/sessions/{sessionId}/chat/settings", Access.PUBLIC, (c, x) -> Request.of(live + "/chat/settings")));
        rows.add(row("PUT", "/api/sessions/{sessionId}/chat/settings", Access.OWNER, (c, x) -> Request.of(live
                + "/chat/settings", Map.of("slowModeSeconds", 0, "guestChat", true))));
        rows.add(row("PATCH", "/api/sessions/{sessionId}/chat/settings", Access.OWNER, (c, x) -> Request.of(live
                + "/chat/settings", Map.of("guestChat", true))));
        rows.add(row("POST", "/api/sessions/{sessionId}/chat/timeouts", Access.OWNER, (c, x) -> Request.of(live
                + "/chat/timeouts", Map.of("userId", ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000),
                "durationSeconds", 60))));
        rows.add(row("POST", "/api/sessions/{sessionId}/chat/bans", Access.OWNER, (c, x) -> Request.of(live
                + "/chat/bans", Map.of("userId", ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000)))));
        rows.add(row("GET", "/api/sessions/{sessionId}/chat/restrictions", Access.OWNER,
                (c, x) -> Request.of(live + "/chat/restrictions")));
        rows.add(row("DELETE", "/api/sessions/{sessionId}/chat/restrictions/{userId}", Access.OWNER,
                (c, x) -> Request.of(live + "/chat/restrictions/" + x.timedOutUser())));
        // ---- analytics-service
        rows.add(row("GET", "/api/sessions/{sessionId}/analytics", Access.OWNER, (c, x) -> Request.of(live + "/analytics")));
        rows.add(row("GET", "/api/sessions/{sessionId}/analytics/live", Access.OWNER, (c, x) -> Request.of(live + "/analytics/live")));
        rows.add(row("GET", "/api/sessions/{sessionId}/analytics/viewers", Access.OWNER,
                (c, x) -> Request.of(live + "/analytics/viewers")));
        rows.add(row("GET", "/api/sessions/{sessionId}/analytics/export", Access.OWNER,
                (c, x) -> Request.of(live + "/analytics/export?format=csv")));
        rows.add(row("GET", "/api/sessions/{sessionId}/conversion-stats", Access.PUBLIC,
                (c, x) -> Request.of(live + "/conversion-stats")));
        rows.add(row("GET", "/api/sessions/{sessionId}/reactions", Access.PUBLIC, (c, x) -> Request.of(live + "/reactions")));
        rows.add(row("GET", "/api/analytics/creator/{creatorId}", Access.OWNER,
                (c, x) -> Request.of("/api/analytics/creator/" + x.owner.id()), "that creator"));
        return rows;
    }

    private static Row row(String method, String path, Access access, BiFunction<Caller, Ctx, Request> request) {
        return new Row(method, path, access, request, "");
    }

    private static Row row(String method, String path, Access access, BiFunction<Caller, Ctx, Request> request, String note) {
        return new Row(method, path, access, request, note);
    }

    static String normalized(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    @Test
    void everyRouteAndSocketEventAnswersEachKindOfCallerAsTheTableSays() throws IOException {
        List<Row> rows = table();
        // the table covers every documented operation
        Set<String> documented = OpenApi.load(base()).stream().map(op -> op.method() + " " + normalized(op.path()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = rows.stream().map(Row::key).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "operations the OpenAPI documents list but the authorization table does not");

        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder("| route | access |");
        for (Caller caller : Caller.values()) {
            table.append(' ').append(caller.label).append(" |");
        }
        table.append("\n|---|---|").append("---|".repeat(Caller.values().length)).append('\n');
        int cells = 0;
        int invalidAsGuest = 0;
        for (Row row : rows) {
            table.append("| ").append(row.method()).append(' ').append(row.path())
                    .append(row.note().isEmpty() ? "" : " (" + row.note() + ")").append(" | ").append(row.access()).append(" |");
            for (Caller caller : Caller.values()) {
                Outcome outcome = expected(row.access(), caller);
                Request request = row.request().apply(caller, CTX);
                String token = request.token() != null ? request.token() : CTX.token(caller);
                Http.Reply reply = Http.call(row.method(), base() + request.path(), token, request.body(), Map.of());
                cells++;
                boolean ok = outcome.accepts(reply.status());
                if (ok && caller.invalid() && reply.ok()) {
                    invalidAsGuest++;
                }
                if (ok && row.path().equals("/api/sessions/{id}") && caller != Caller.OWNER
                        && reply.body() != null && reply.body().contains("sk-matrix-secret")) {
                    ok = false;
                    failures.add(row.key() + " as " + caller.label + ": shows the owner's streamKey");
                }
                if (ok && reply.status() >= 400) {
                    List<String> problems = Oracle.problems(reply.status(), reply.body(), reply.failure(), List.of());
                    if (!problems.isEmpty()) {
                        ok = false;
                        failures.add(row.key() + " as " + caller.label + ": " + problems + " " + reply);
                    }
                } else if (!ok) {
                    failures.add(row.method() + " " + row.path() + (row.note().isEmpty() ? "" : " (" + row.note() + ")")
                            + " as " + caller.label + ": expected " + outcome.shown + ", got " + reply);
                }
                table.append(' ').append(outcome.shown).append(ok ? "" : " ✗").append(" |");
            }
            table.append('\n');
        }

        int socketCells = sockets(failures, table);
        Path report = Path.of("target", "authorization-matrix.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Authorization matrix (generated by AuthorizationMatrixIT)\n\n" + table);
        System.out.printf("Authorization matrix: %d REST cells (%d routes x %d kinds of caller) + %d socket cells = %d "
                        + "cells checked; invalid tokens on public routes answered as a guest in %d cells, 401 in the "
                        + "rest; table in %s%n", cells, rows.size(), Caller.values().length, socketCells,
                cells + socketCells, invalidAsGuest, report.toAbsolutePath());
        RunReport.put("authorization cells checked", cells + socketCells);
        assertTrue(failures.isEmpty(), failures.size() + " cell(s) wrong:\n" + String.join("\n", failures));
    }

    // ---------------------------------------------------------------- sockets

    /** Socket events: connect, join, chat, react, click, showcase, leave; per protocol and kind of caller. */
    private int sockets(List<String> failures, StringBuilder table) {
        table.append("\n\n| socket event (both protocols) |");
        for (Caller caller : Caller.values()) {
            table.append(' ').append(caller.label).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Caller.values().length)).append('\n');
        Map<String, Map<Caller, String>> shown = new LinkedHashMap<>();
        int cells = 0;
        String session = CTX.live.sessionId();
        String product = CTX.live.productIds().get(0);
        for (boolean socketIo : new boolean[]{true, false}) {
            String protocol = socketIo ? "socket.io" : "ws";
            for (Caller caller : Caller.values()) {
                String token = CTX.token(caller);
                WireSocket socket;
                cells++;
                try {
                    socket = socketIo ? WsWire.sio(base(), token) : WsWire.ws(SharedFaultStack.stack().wsUrl() + "/ws", token);
                } catch (RuntimeException refused) {
                    socket = null;
                }
                mark(shown, "connect", caller, caller.invalid() ? "refused" : "connected");
                if (caller.invalid()) {
                    if (socket != null) {
                        failures.add(protocol + " connect as " + caller.label + ": accepted " + socket.received());
                        socket.close();
                    }
                    continue;
                }
                if (socket == null) {
                    failures.add(protocol + " connect as " + caller.label + ": refused");
                    continue;
                }
                try (WireSocket open = socket) {
                    if (!socketIo) {
                        String hello = open.received().get(0);
                        Long expectedUser = switch (caller) {
                            case VIEWER -> CTX.viewer.id();
                            case OTHER_CREATOR -> CTX.other.id();
                            case OWNER -> CTX.owner.id();
                            case ADMIN -> CTX.admin.id();
                            default -> null;
                        };
                        if (!hello.contains("\"userId\":" + expectedUser)) {
                            failures.add("ws connect as " + caller.label + ": wrong identity " + hello);
                        }
                    }
                    boolean showcaseAllowed = caller == Caller.OWNER || caller == Caller.ADMIN;
                    Object[][] events = {
                            {"join-session", Map.of("sessionId", session), true},
                            {"send-message", Map.of("sessionId", session, "message", "matrix " + caller.label), true},
                            {"send-reaction", Map.of("sessionId", session, "type", "like"), true},
                            {"track-product-click", Map.of("sessionId", session, "productId", product), true},
                            {"showcase-product", Map.of("sessionId", session, "productId", product), showcaseAllowed},
                            {"leave-session", Map.of("sessionId", session), true}};
                    for (Object[] event : events) {
                        cells++;
                        String name = (String) event[0];
                        boolean allowed = (Boolean) event[2];
                        mark(shown, name, caller, allowed ? "accepted" : "refused (error event)");
                        JsonNode answer = ask(open, socketIo, name, event[1]);
                        if (answer == null) {
                            failures.add(protocol + " " + name + " as " + caller.label + ": no answer " + open.received());
                        } else if (answer.path("success").asBoolean(false) != allowed) {
                            failures.add(protocol + " " + name + " as " + caller.label + ": expected "
                                    + (allowed ? "success" : "a refusal") + ", got " + answer);
                        } else if (!allowed && !Oracle.human(answer.path("message"))) {
                            failures.add(protocol + " " + name + " as " + caller.label + ": refusal without a message " + answer);
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, Map<Caller, String>> event : shown.entrySet()) {
            table.append("| ").append(event.getKey()).append(" |");
            for (Caller caller : Caller.values()) {
                table.append(' ').append(event.getValue().getOrDefault(caller, "–")).append(" |");
            }
            table.append('\n');
        }
        return cells;
    }

    private static void mark(Map<String, Map<Caller, String>> shown, String event, Caller caller, String what) {
        shown.computeIfAbsent(event, e -> new EnumMap<>(Caller.class)).put(caller, what);
    }

    /** Sends an event with an ack / id and returns the answer's payload ({success, data | message}). */
    static JsonNode ask(WireSocket socket, boolean socketIo, String event, Object data) {
        int from = socket.size();
        String ref = String.valueOf(ThreadLocalRandom.current().nextInt(1_000_000, 9_000_000));
        try {
            if (socketIo) {
                socket.send("42" + ref + Http.JSON.writeValueAsString(List.of(event, data)));
                String line = socket.await(l -> l.startsWith("43" + ref + "["), from, Duration.ofSeconds(10));
                return line == null ? null : Http.JSON.readTree(line.substring(2 + ref.length())).path(0);
            }
            socket.send(Http.JSON.writeValueAsString(Map.of("event", event, "data", data, "id", ref)));
            String line = socket.await(l -> l.contains("\"event\":\"ack\"") && l.contains("\"id\":\"" + ref + "\""), from,
                    Duration.ofSeconds(10));
            return line == null ? null : Http.JSON.readTree(line).path("data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
