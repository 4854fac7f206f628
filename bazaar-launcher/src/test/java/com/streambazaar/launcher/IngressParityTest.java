package com.streambazaar.launcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Kubernetes Ingress (deploy/kubernetes/ingress.yaml) must route every path to the same service as the local
 * edge, or clients would work locally and break in production. Paths are tried against the Ingress rules in file
 * order, the first match winning, as the edge's table does.
 */
class IngressParityTest {

    private static final Pattern RULE = Pattern.compile(
            "\\{path: \"([^\"]+)\", pathType: (\\w+), backend: \\{service: \\{name: ([a-z]+)-service");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/sessions/abc/chat", "/api/sessions/abc/chat/count", "/ws", "/socket.io/",
            "/api/sessions/abc/analytics", "/api/sessions/abc/analytics/viewers", "/api/sessions/abc/conversion-stats",
            "/api/sessions/abc/reactions", "/api/analytics/creator/7",
            "/api/auth/login", "/api/users", "/api/users/live", "/api/users/7", "/.well-known/jwks.json",
            "/api/products", "/api/products/categories", "/api/products/abc", "/api/search/products",
            "/api/sessions", "/api/sessions/abc", "/api/sessions/abc/products", "/api/sessions/abc/start-stream",
            "/api/search", "/api/search/sessions/live", "/api/test-agora",
            "/api/unknown", "/api/sessionsx"})
    void ingressRoutesLikeTheEdge(String path) throws IOException {
        Optional<String> edge = RouteTable.resolve(path).map(Route::service);
        assertEquals(edge, ingressService(path), "Ingress and edge disagree on " + path);
    }

    private static Optional<String> ingressService(String path) throws IOException {
        for (String[] rule : ingressRules()) {
            boolean matches = "Exact".equals(rule[1]) ? rule[0].equals(path) : Pattern.compile(rule[0]).matcher(path).lookingAt();
            if (matches) {
                return Optional.of(rule[2]);
            }
        }
        return Optional.empty();
    }

    private static List<String[]> ingressRules() throws IOException {
        String yaml = Files.readString(Path.of("..", "deploy", "kubernetes", "ingress.yaml"));
        List<String[]> rules = new ArrayList<>();
        Matcher m = RULE.matcher(yaml);
        while (m.find()) {
            rules.add(new String[]{m.group(1), m.group(2), m.group(3)});
        }
        return rules;
    }
}
