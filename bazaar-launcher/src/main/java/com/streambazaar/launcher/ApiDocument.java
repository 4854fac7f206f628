package com.streambazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /docs/openapi}: the merged OpenAPI document of the whole API ({@code docs/openapi.yaml}, see
 * {@link OpenApiMerge}), as YAML, or as JSON for {@code ?format=json}. It is the committed contract, read from the
 * repository on each request (a regenerated file is served at once); system-tests checks that it is what the running
 * services serve. Each service's own live document stays at {@code /docs/{service}/openapi}.
 */
final class ApiDocument {

    static final String PATH = "/docs/openapi";
    private static final CharSequence YAML = HttpHeaders.createOptimized("application/yaml; charset=utf-8");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");

    private final Path file;
    private final EdgeAnswers answers;

    ApiDocument(Path file, EdgeAnswers answers) {
        this.file = file;
        this.answers = answers;
    }

    static boolean isRequestFor(String path, HttpMethod method) {
        return PATH.equals(path) && (method == HttpMethod.GET || method == HttpMethod.HEAD);
    }

    /** Answers the document; returns the status for the access log. Reading and converting runs off the event loop. */
    void answer(Vertx vertx, HttpServerRequest request, Runnable logged) {
        boolean json = "format=json".equals(request.query());
        vertx.executeBlocking(() -> {
            if (file == null || !Files.isRegularFile(file)) {
                return null;
            }
            String yaml = Files.readString(file);
            if (!json) {
                return yaml;
            }
            JsonNode document = OpenApiMerge.readYaml(yaml);
            return OpenApiMerge.toJson(document);
        }, false).onComplete(result -> {
            HttpServerResponse response = request.response();
            if (result.failed() || result.result() == null) {
                String why = result.failed() ? "cannot be read: " + result.cause().getMessage() : "is missing";
                answers.error(request, 404, "Not Found", "The API document " + OpenApiMerge.DOCUMENT + " " + why).onComplete(v -> logged.run());
                return;
            }
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, json ? JSON : YAML);
            answers.cors().addTo(request, response.headers());
            response.end(result.result()).onComplete(v -> logged.run());
        });
    }
}
