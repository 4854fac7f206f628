package com.streambazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.launcher.OpenApiMerge;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code docs/openapi.yaml} is the contract SDKs are generated from: it must be exactly what the services' documents
 * merge into (their builds store them; system-tests runs after every service is packaged), and a document an SDK can
 * be generated from. No stack needed.
 */
class OpenApiDocumentTest {

    @Test
    void theCommittedDocumentIsWhatTheServicesServe() throws Exception {
        JsonNode merged = OpenApiMerge.merge(ApiDocuments.stored());
        JsonNode committed = ApiDocuments.committed();
        if (!merged.equals(committed)) {
            fail(OpenApiMerge.DOCUMENT + " is not what the services' OpenAPI documents merge into:\n  "
                    + String.join("\n  ", ApiDocuments.differences(merged, committed))
                    + "\nRegenerate it from the repository root and commit it:\n  " + OpenApiMerge.REGENERATE);
        }
        assertEquals(merged, OpenApiMerge.readYaml(OpenApiMerge.toYaml(merged)), "the YAML form reads back the same");
        assertTrue(Files.readString(ApiDocuments.committedFile()).contains(OpenApiMerge.REGENERATE),
                "the file says how it is regenerated");
    }

    @Test
    void everyOperationIsAContractAnSdkCanBeGeneratedFrom() throws Exception {
        List<String> problems = OpenApiMerge.contractProblems(ApiDocuments.committed());
        assertTrue(problems.isEmpty(), "Not yet a contract:\n  " + String.join("\n  ", problems));
    }

    @Test
    void theEdgeRoutesEveryDocumentedPathToTheServiceThatDocumentsIt() throws Exception {
        List<String> misrouted = new ArrayList<>();
        for (Map.Entry<String, JsonNode> document : ApiDocuments.stored().entrySet()) {
            document.getValue().path("paths").fieldNames().forEachRemaining(path -> {
                String service = ApiDocuments.serviceOf(path) + "-service";
                if (!service.equals(document.getKey())) {
                    misrouted.add(path + " (" + document.getKey() + ") goes to " + service);
                }
            });
        }
        assertTrue(misrouted.isEmpty(), "the edge would send these elsewhere:\n  " + String.join("\n  ", misrouted));
    }

    @Test
    void statusesAndBodiesAreTheOnesTheServicesAnswer() throws Exception {
        JsonNode doc = ApiDocuments.committed();
        assertBody(doc, "registerUser", "201", "ApiResponseSignedIn");
        assertBody(doc, "login", "200", "ApiResponseSignedIn");
        assertBody(doc, "createProduct", "201", "Product");
        assertBody(doc, "createSession", "201", "ApiResponseSession");
        assertBody(doc, "getSession", "200", "ApiResponseSessionDetail");
        assertBody(doc, "sendChatMessage", "201", "ApiResponseChatMessageView");
        assertBody(doc, "searchProducts", "200", "PageProduct");
        assertBody(doc, "logout", "200", "Done");
        JsonNode delete = op(doc, "deleteProduct").path("responses");
        assertTrue(delete.has("204") && !delete.has("200"), "delete-product answers 204: " + delete);
        assertFalse(delete.get("204").has("content"), "a 204 has no body");
        assertEquals("#/components/schemas/SessionRequest",
                op(doc, "createSession").at("/requestBody/content/application~1json/schema/$ref").asText());
        JsonNode sessionRequest = doc.at("/components/schemas/SessionRequest/properties");
        for (String field : List.of("title", "description", "productIds", "tags", "scheduledAt")) {
            assertTrue(sessionRequest.has(field), "SessionRequest has " + field + ": " + sessionRequest);
        }
        assertEquals("array", sessionRequest.at("/productIds/type").asText());
    }

    @Test
    void refusalsSecurityAndServersAreDeclared() throws Exception {
        JsonNode doc = ApiDocuments.committed();
        assertEquals(List.of("http://localhost:3000", "https://api.stream-bazaar.example"),
                doc.path("servers").findValuesAsText("url"));
        assertEquals("bearer", doc.at("/components/securitySchemes/bearerAuth/scheme").asText());
        JsonNode error = doc.at("/components/schemas/ErrorBody");
        for (String field : List.of("success", "message", "error", "field", "currentStatus", "retryAfter")) {
            assertTrue(error.path("properties").has(field), "ErrorBody has " + field);
        }
        assertEquals(List.of("success", "message", "error"), textList(error.path("required")));
        assertTrue(op(doc, "createProduct").path("security").toString().contains("bearerAuth"));
        assertTrue(op(doc, "createProduct").path("responses").has("401"));
        assertTrue(op(doc, "registerUser").path("responses").has("409"), "a taken username is a 409");
        assertTrue(op(doc, "login").at("/responses/429/headers").has("Retry-After"));
        // a token is optional where the route answers guests too: {} or bearer
        assertEquals("[{},{\"bearerAuth\":[]}]", op(doc, "getSession").path("security").toString());
        assertFalse(op(doc, "listProductCategories").has("security"), "public routes need no token");
        for (Map.Entry<String, JsonNode> entry : ApiDocuments.operations(doc).entrySet()) {
            assertTrue(entry.getValue().path("responses").has("500"), entry.getKey() + " declares its 500");
        }
        JsonNode example = op(doc, "createProduct").at("/responses/400/content/application~1json/example");
        assertEquals(false, example.path("success").asBoolean(true), "refusals carry an example: " + example);
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static JsonNode op(JsonNode doc, String operationId) {
        return ApiDocuments.operationById(doc, operationId)
                .orElseThrow(() -> new AssertionError("no operation " + operationId));
    }

    private static void assertBody(JsonNode doc, String operationId, String status, String schema) {
        JsonNode response = op(doc, operationId).path("responses").path(status);
        assertFalse(response.isMissingNode(), operationId + " answers " + status);
        assertEquals("#/components/schemas/" + schema, response.at("/content/application~1json/schema/$ref").asText(),
                operationId + " " + status + " body");
    }
}
