package com.streambazaar.session.rest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for catalog-service's public {@code GET /api/products/{id}}: tests put a product's JSON into it (as if a
 * creator had just created it in the catalog) without publishing its event. A product stored as {@code "fail"}
 * answers 500, as a broken catalog would.
 */
public class FakeCatalog implements QuarkusTestResourceLifecycleManager {

    static final String URL_PROPERTY = "bazaar.test.fake-catalog.url";

    private final Map<String, String> products = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/products/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/products/".length());
            byte[] answer;
            int status;
            if ("PUT".equals(exchange.getRequestMethod())) {
                products.put(id, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                status = 204;
                answer = new byte[0];
            } else if ("fail".equals(products.get(id))) {
                status = 500;
                answer = "{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
            } else if (products.containsKey(id)) {
                status = 200;
                answer = products.get(id).getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                answer = "{\"success\":false,\"error\":\"not_found\",\"message\":\"Product not found\"}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty(URL_PROPERTY, url);
        return Map.of("quarkus.rest-client.catalog.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Makes the fake catalog answer {@code GET /api/products/{id}} with this JSON. */
    static void put(String id, String json) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(System.getProperty(URL_PROPERTY) + "/api/products/" + id))
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("fake catalog answered " + response.statusCode());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
