package com.streambazaar.common.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /docs/openapi} on every service: the one OpenAPI document of the whole API, the committed
 * {@code docs/openapi.yaml} that the build packs into this library, as YAML, or as JSON for {@code ?format=json}.
 * The local edge answers that path itself from the repository; on Kubernetes the Ingress sends it to a service, which
 * answers it from here, so clients find the document at the same address everywhere.
 */
@ApplicationScoped
public class MergedApiDocument {

    public static final String PATH = "/docs/openapi";
    static final String RESOURCE = "META-INF/bazaar/openapi.yaml";

    private volatile String yaml;
    private volatile String json;

    void register(@Observes Router router) {
        // reading the resource and converting it runs once, off the event loop
        router.route(PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).blockingHandler(this::answer, false);
    }

    void answer(RoutingContext context) {
        boolean asJson = "format=json".equals(context.request().query());
        String document;
        try {
            document = asJson ? json() : yaml();
        } catch (UncheckedIOException e) {
            document = null;
        }
        if (document == null) {
            context.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Json.encode(ErrorBody.of("not_found", "This build carries no API document")));
            return;
        }
        context.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, asJson ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8")
                .end(document);
    }

    private String yaml() {
        if (yaml == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
                yaml = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return yaml;
    }

    private String json() {
        if (json == null && yaml() != null) {
            try {
                json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(new YAMLMapper().readTree(yaml()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }
}
