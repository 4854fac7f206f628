package com.streambazaar.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Plain HTTP through the edge (java.net.http, HTTP/1.1), every request with a deadline, answers as {@link Reply}. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private Http() {
    }

    /** One answer; status -1 when none came (timeout or connection failure: {@code failure} says which). */
    record Reply(int status, Map<String, List<String>> headers, String body, long millis, String failure) {

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return MissingNode.getInstance();
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .flatMap(h -> h.getValue().stream()).findFirst();
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + (failure != null ? " (" + failure + ")" : "") + " in " + millis + " ms: "
                    + (body == null ? "" : body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    static Reply get(String url, String token) {
        return call("GET", url, token, null, Map.of());
    }

    static Reply post(String url, String token, Object body) {
        return call("POST", url, token, body, Map.of());
    }

    static Reply call(String method, String url, String token, Object body, Map<String, String> headers) {
        return call(method, url, token, body, headers, TIMEOUT);
    }

    static Reply call(String method, String url, String token, Object body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text;
            try {
                text = body instanceof String s ? s : JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
            if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return send(request.build());
    }

    static Reply send(HttpRequest request) {
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body(),
                    (System.nanoTime() - begin) / 1_000_000, null);
        } catch (HttpTimeoutException e) {
            return new Reply(-1, Map.of(), null, (System.nanoTime() - begin) / 1_000_000, "timed out");
        } catch (IOException e) {
            return new Reply(-1, Map.of(), null, (System.nanoTime() - begin) / 1_000_000,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, Map.of(), null, 0, "interrupted");
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
