package com.streambazaar.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge serves the merged OpenAPI document itself at /docs/openapi, as YAML or JSON, with CORS. */
class EdgeApiDocumentTest {

    @TempDir
    Path dir;
    private EdgeRouter edge;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void servesTheFileAsItIsAndAsJson() throws Exception {
        Path file = dir.resolve("openapi.yaml");
        Files.writeString(file, "# generated\nopenapi: 3.1.0\ninfo:\n  title: Stream Bazaar API\n  version: 1.0.0\npaths: {}\n");
        int port = start(file);

        HttpResponse<String> yaml = get(port, "/docs/openapi", "https://app.example");
        assertEquals(200, yaml.statusCode());
        assertEquals(Files.readString(file), yaml.body());
        assertTrue(yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        assertEquals("https://app.example", yaml.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

        HttpResponse<String> json = get(port, "/docs/openapi?format=json", null);
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("Stream Bazaar API", OpenApiMerge.readJson(json.body()).at("/info/title").asText());

        // a regenerated file is served at once
        Files.writeString(file, "openapi: 3.1.0\ninfo:\n  title: Changed\n  version: 1.0.1\npaths: {}\n");
        assertTrue(get(port, "/docs/openapi", null).body().contains("Changed"));
    }

    @Test
    void aMissingDocumentIsAJson404AndOtherDocsRoutesStillRewrite() throws Exception {
        int port = start(dir.resolve("nothing.yaml"));
        HttpResponse<String> missing = get(port, "/docs/openapi", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("\"success\":false"), missing.body());
        // /docs/auth/openapi still goes to the service (which is not running here: 502)
        assertEquals(502, get(port, "/docs/auth/openapi", null).statusCode());
    }

    private int start(Path file) throws Exception {
        edge = new EdgeRouter(Map.of(), EdgeSettings.DEFAULTS, CorsSettings.ANY_ORIGIN, line -> { })
                .servingApiDocument(file);
        return edge.start("127.0.0.1", 0);
    }

    private HttpResponse<String> get(int port, String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
