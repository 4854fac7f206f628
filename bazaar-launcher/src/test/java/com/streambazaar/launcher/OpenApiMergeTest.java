package com.streambazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiMergeTest {

    private static final String ERROR = "{\"type\": \"object\", \"properties\": {\"success\": {\"type\": \"boolean\"}}}";

    @Test
    void keepsEveryPathOnceAndCollapsesTheComponentsServicesShare() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("auth-service", json("""
                {"openapi": "3.1.0", "info": {"title": "auth", "version": "1.0.0"},
                 "servers": [{"url": "http://localhost:3000"}],
                 "tags": [{"name": "Auth"}],
                 "paths": {"/api/auth/login": {"post": {"operationId": "login", "responses": {}}}},
                 "components": {"schemas": {"ErrorBody": %s, "LoginRequest": {"type": "object"}},
                                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}}}
                """.formatted(ERROR)));
        documents.put("catalog-service", json("""
                {"openapi": "3.1.0", "info": {"title": "catalog", "version": "1.0.0"},
                 "servers": [{"url": "http://localhost:3000"}],
                 "tags": [{"name": "Auth", "description": "sign-in"}, {"name": "Products"}],
                 "paths": {"/api/products": {"get": {"operationId": "listOwnProducts", "responses": {}}}},
                 "components": {"schemas": {"ErrorBody": %s},
                                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}}}
                """.formatted(ERROR)));
        JsonNode merged = OpenApiMerge.merge(documents);
        assertEquals(List.of("/api/auth/login", "/api/products"), names(merged.path("paths")));
        assertEquals(List.of("ErrorBody", "LoginRequest"), names(merged.at("/components/schemas")));
        assertEquals(List.of("bearerAuth"), names(merged.at("/components/securitySchemes")));
        assertEquals("sign-in", merged.at("/tags/0/description").asText(), "a described tag wins");
        assertEquals("Stream Bazaar API", merged.at("/info/title").asText());
        assertEquals(merged, OpenApiMerge.readYaml(OpenApiMerge.toYaml(merged)), "YAML reads back the same");
    }

    @Test
    void refusesTwoDifferentComponentsOfOneNameAndTwoAnswersToOneRoute() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("auth-service", json("""
                {"openapi": "3.1.0", "paths": {"/x": {"get": {"operationId": "a"}}},
                 "components": {"schemas": {"Card": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}"""));
        documents.put("analytics-service", json("""
                {"openapi": "3.1.0", "paths": {"/x": {"get": {"operationId": "b"}}},
                 "components": {"schemas": {"Card": {"type": "object", "properties": {"id": {"type": "string"}}}}}}"""));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OpenApiMerge.merge(documents));
        assertTrue(refused.getMessage().contains("components/schemas/Card differs between auth-service and analytics-service"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("both auth-service and analytics-service answer GET /x"), refused.getMessage());
    }

    @Test
    void namesWhatKeepsADocumentFromBeingAContract() throws Exception {
        JsonNode document = json("""
                {"paths": {
                  "/a": {"get": {"operationId": "same", "responses": {"200": {"content": {"application/json": {}}},
                                                                   "404": {"description": "none"}}}},
                  "/b": {"post": {"operationId": "same", "responses": {"204": {"content": {"application/json": {}}}}}},
                  "/c": {"get": {"responses": {"200": {"content": {"application/json":
                                 {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}}}""");
        List<String> problems = OpenApiMerge.contractProblems(document);
        assertTrue(problems.contains("GET /a: 200 application/json has no schema"), problems.toString());
        assertTrue(problems.contains("GET /a: 404 does not answer the ErrorBody"), problems.toString());
        assertTrue(problems.contains("POST /b: operationId same is also GET /a's"), problems.toString());
        assertTrue(problems.contains("POST /b: 204 declares a body"), problems.toString());
        assertTrue(problems.contains("GET /c: no operationId"), problems.toString());
        assertTrue(problems.contains("$ref #/components/schemas/Missing points at nothing"), problems.toString());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) throws Exception {
        return OpenApiMerge.readJson(text);
    }
}
