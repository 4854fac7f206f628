package com.streambazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.launcher.OpenApiMerge;
import com.streambazaar.launcher.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the running services serve at {@code /q/openapi} (through the edge's {@code /docs/{service}/openapi}) merges
 * into exactly the committed {@code docs/openapi.yaml}, and the edge serves that document at {@code /docs/openapi}, as
 * every service does on its own port (where the Kubernetes Ingress sends that path).
 */
@ExtendWith(SharedStack.class)
class ApiDocumentsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServicesServeTheCommittedDocument() throws Exception {
        Map<String, JsonNode> served = new LinkedHashMap<>();
        for (String service : List.of(RouteTable.AUTH, RouteTable.CATALOG, RouteTable.SESSION, RouteTable.REALTIME,
                RouteTable.ANALYTICS)) {
            HttpResponse<String> response = get("/docs/" + service + "/openapi?format=json");
            assertEquals(200, response.statusCode(), service + "'s document: " + response.body());
            served.put(service + "-service", OpenApiMerge.readJson(response.body()));
        }
        JsonNode merged = OpenApiMerge.merge(served);
        JsonNode committed = ApiDocuments.committed();
        if (!merged.equals(committed)) {
            fail("The running services serve another API than " + OpenApiMerge.DOCUMENT + ":\n  "
                    + String.join("\n  ", ApiDocuments.differences(merged, committed))
                    + "\nRegenerate it from the repository root and commit it:\n  " + OpenApiMerge.REGENERATE);
        }
    }

    @Test
    void theEdgeServesTheMergedDocument() throws Exception {
        HttpResponse<String> yaml = get("/docs/openapi");
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        assertEquals(Files.readString(ApiDocuments.committedFile()), yaml.body());
        HttpResponse<String> json = get("/docs/openapi?format=json");
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(ApiDocuments.committed(), OpenApiMerge.readJson(json.body()));
    }

    @Test
    void everyServiceServesTheMergedDocumentToo() throws Exception {
        for (String service : List.of(RouteTable.AUTH, RouteTable.CATALOG, RouteTable.SESSION, RouteTable.REALTIME,
                RouteTable.ANALYTICS)) {
            String base = SharedStack.stack().serviceUrl(service);
            HttpResponse<String> yaml = get(base, "/docs/openapi");
            assertEquals(200, yaml.statusCode(), service + ": " + yaml.body());
            assertTrue(yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"), service);
            assertEquals(Files.readString(ApiDocuments.committedFile()), yaml.body(), service + " serves another document");
            HttpResponse<String> json = get(base, "/docs/openapi?format=json");
            assertEquals(200, json.statusCode(), service);
            assertEquals(ApiDocuments.committed(), OpenApiMerge.readJson(json.body()), service);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(SharedStack.stack().baseUrl(), path);
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
