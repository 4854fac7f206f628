package com.streambazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one OpenAPI document of the whole API, {@code docs/openapi.yaml}: the five services' documents merged.
 *
 * <p>Each service builds its own document (bazaar-common's {@code ApiDocumentFilter} completes it) and stores it at
 * build time in {@code <module>/target/openapi/openapi.json}. Merging keeps every path and tag and every component
 * once: a component two services both declare must be the same (the shared error body, {@code Product}, the
 * envelopes...); two different components of one name, or two services answering the same method and path, stop the
 * merge, since an SDK could not tell them apart.
 *
 * <pre>
 *   java -cp bazaar-launcher/target/bazaar-launcher.jar com.streambazaar.launcher.OpenApiMerge [--check] [root]
 * </pre>
 * writes {@code docs/openapi.yaml} under the repository root (default: the working directory); {@code --check} only
 * says whether the committed file is what the services' documents merge into (exit 1 when not). The edge serves the
 * file at {@code /docs/openapi}.
 */
public final class OpenApiMerge {

    /** The services in merge order (the order of their paths before sorting does not matter). */
    public static final List<String> MODULES = List.of("auth-service", "catalog-service", "session-service",
            "realtime-service", "analytics-service");
    public static final String DOCUMENT = "docs/openapi.yaml";
    public static final String REGENERATE = "./mvnw -q -o -pl bazaar-launcher,auth-service,catalog-service,"
            + "session-service,realtime-service,analytics-service -am package -Dmaven.test.skip=true"
            + " && java -cp bazaar-launcher/target/bazaar-launcher.jar com.streambazaar.launcher.OpenApiMerge";

    private static final String TITLE = "Stream Bazaar API";
    private static final String DESCRIPTION = """
            Every REST route of Stream Bazaar under one base URL (the edge: the local stack's http://localhost:3000, \
            the Ingress in Kubernetes), merged from the services' own documents.

            - Auth: register or login answer an accessToken (send it as Authorization: Bearer, 15 min) and a \
            refreshToken (single use, 7 days) for /api/auth/refresh-token. The httpOnly cookie those calls also set \
            authenticates a same-site web app's realtime socket, not REST calls.
            - Shapes: most routes answer the envelope {success, message, data} (lists add count); products answer \
            bare JSON; searches answer bare pages {data, total, limit, offset, hasMore}. Every refusal is \
            {success: false, message, error} with the right status (ErrorBody).
            - Realtime (Socket.IO and the /ws WebSocket) and the Kafka topics are described in docs/asyncapi.yaml; \
            docs/getting-started.md walks through a client.
            """;
    private static final List<String> COMPONENT_KINDS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private OpenApiMerge() {
    }

    public static void main(String[] args) throws IOException {
        boolean check = List.of(args).contains("--check");
        Path root = List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().map(Path::of)
                .orElse(Path.of("")).toAbsolutePath().normalize();
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String module : MODULES) {
            Path stored = root.resolve(module).resolve("target/openapi/openapi.json");
            if (!Files.exists(stored)) {
                System.err.println("Missing " + stored + ": build the services first:\n  " + REGENERATE);
                System.exit(2);
            }
            documents.put(module, JSON.readTree(stored.toFile()));
        }
        ObjectNode merged = merge(documents);
        Path target = root.resolve(DOCUMENT);
        if (check) {
            boolean same = Files.exists(target) && readYaml(target).equals(merged);
            System.out.println(same ? DOCUMENT + " is up to date" : DOCUMENT + " differs from what the services serve; "
                    + "regenerate it:\n  " + REGENERATE);
            System.exit(same ? 0 : 1);
        }
        Files.writeString(target, toYaml(merged));
        System.out.println("Wrote " + target + " (" + merged.path("paths").size() + " paths, "
                + merged.path("components").path("schemas").size() + " schemas)");
    }

    /** The merged document of the given services' documents (keyed by service, for messages). */
    public static ObjectNode merge(Map<String, JsonNode> documents) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("No OpenAPI document to merge");
        }
        JsonNode first = documents.values().iterator().next();
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", first.path("openapi").asText("3.1.0"));
        ObjectNode info = merged.putObject("info");
        info.put("title", TITLE);
        info.put("version", first.path("info").path("version").asText("1.0.0"));
        info.put("description", DESCRIPTION);

        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        Map<String, ObjectNode> paths = new TreeMap<>();
        Map<String, String> pathOwners = new LinkedHashMap<>();
        Map<String, Map<String, JsonNode>> components = new LinkedHashMap<>();
        Map<String, String> componentOwners = new LinkedHashMap<>();
        JsonNode servers = null;
        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            String service = entry.getKey();
            JsonNode document = entry.getValue();
            if (!document.path("openapi").asText().equals(merged.get("openapi").asText())) {
                problems.add(service + " is OpenAPI " + document.path("openapi").asText() + ", the others "
                        + merged.get("openapi").asText());
            }
            if (document.has("servers")) {
                if (servers == null) {
                    servers = document.get("servers");
                } else if (!servers.equals(document.get("servers"))) {
                    problems.add(service + " names other servers than the services before it");
                }
            }
            for (JsonNode tag : document.path("tags")) {
                String name = tag.path("name").asText();
                JsonNode known = tags.get(name);
                if (known == null || (!known.has("description") && tag.has("description"))) {
                    tags.put(name, tag);
                }
            }
            Iterator<Map.Entry<String, JsonNode>> pathItems = document.path("paths").fields();
            while (pathItems.hasNext()) {
                Map.Entry<String, JsonNode> path = pathItems.next();
                ObjectNode target = paths.computeIfAbsent(path.getKey(), p -> JSON.createObjectNode());
                Iterator<Map.Entry<String, JsonNode>> fields = path.getValue().fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String key = path.getKey() + " " + field.getKey();
                    String owner = pathOwners.putIfAbsent(key, service);
                    if (owner != null && !field.getValue().equals(target.get(field.getKey()))) {
                        problems.add("both " + owner + " and " + service + " answer "
                                + field.getKey().toUpperCase() + " " + path.getKey());
                    }
                    target.set(field.getKey(), field.getValue());
                }
            }
            for (String kind : COMPONENT_KINDS) {
                Iterator<Map.Entry<String, JsonNode>> declared = document.path("components").path(kind).fields();
                while (declared.hasNext()) {
                    Map.Entry<String, JsonNode> component = declared.next();
                    Map<String, JsonNode> ofKind = components.computeIfAbsent(kind, k -> new TreeMap<>());
                    JsonNode known = ofKind.get(component.getKey());
                    String id = kind + "/" + component.getKey();
                    if (known == null) {
                        ofKind.put(component.getKey(), component.getValue());
                        componentOwners.put(id, service);
                    } else if (!known.equals(component.getValue())) {
                        problems.add("components/" + id + " differs between " + componentOwners.get(id) + " and "
                                + service + ": give one of them another name (@Schema(name = ...)) or make them the same");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The services' OpenAPI documents do not merge:\n  - "
                    + String.join("\n  - ", problems));
        }
        if (servers != null) {
            merged.set("servers", servers);
        }
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        ObjectNode pathNode = merged.putObject("paths");
        paths.forEach(pathNode::set);
        ObjectNode componentNode = merged.putObject("components");
        for (String kind : COMPONENT_KINDS) {
            Map<String, JsonNode> ofKind = components.get(kind);
            if (ofKind != null) {
                ObjectNode kindNode = componentNode.putObject(kind);
                ofKind.forEach(kindNode::set);
            }
        }
        return merged;
    }

    /**
     * What keeps a document from being a contract an SDK is generated from: an operation without operationId (or one
     * used twice), a $ref to nothing, a JSON success, request body or refusal without a schema. Each line starts with
     * {@code METHOD path} (or the component) so callers can tell whose it is.
     */
    public static List<String> contractProblems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        Map<String, String> operationIds = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> entry = operations.next();
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                String id = operation.path("operationId").asText("");
                if (id.isEmpty()) {
                    problems.add(where + ": no operationId");
                } else if (operationIds.putIfAbsent(id, where) != null) {
                    problems.add(where + ": operationId " + id + " is also " + operationIds.get(id) + "'s");
                }
                JsonNode body = operation.path("requestBody").path("content");
                body.fields().forEachRemaining(media -> {
                    if (!media.getValue().has("schema")) {
                        problems.add(where + ": request body " + media.getKey() + " has no schema");
                    }
                });
                if (!operation.path("responses").fields().hasNext()) {
                    problems.add(where + ": no responses");
                }
                operation.path("responses").fields().forEachRemaining(response -> {
                    String status = response.getKey();
                    JsonNode content = response.getValue().path("content");
                    boolean refusal = status.startsWith("4") || status.startsWith("5");
                    if (refusal && !content.path("application/json").path("schema").path("$ref").asText()
                            .equals("#/components/schemas/ErrorBody")) {
                        problems.add(where + ": " + status + " does not answer the ErrorBody");
                    }
                    if (status.startsWith("2") && !status.equals("204")) {
                        if (!content.fields().hasNext()) {
                            problems.add(where + ": " + status + " has no body");
                        }
                        content.fields().forEachRemaining(media -> {
                            JsonNode schema = media.getValue().path("schema");
                            if (media.getKey().contains("json") && (schema.isMissingNode() || schema.isEmpty())) {
                                problems.add(where + ": " + status + " " + media.getKey() + " has no schema");
                            }
                        });
                    }
                    if (status.equals("204") && content.fields().hasNext()) {
                        problems.add(where + ": 204 declares a body");
                    }
                });
            }
        }
        Set<String> refs = new TreeSet<>();
        collectRefs(document, refs);
        for (String ref : refs) {
            if (ref.startsWith("#/") && document.at(ref.substring(1)).isMissingNode()) {
                problems.add("$ref " + ref + " points at nothing");
            }
        }
        return problems;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    public static String toYaml(JsonNode document) {
        try {
            return "# The whole Stream Bazaar REST API, merged from the services' OpenAPI documents. Generated: do not edit.\n"
                    + "# Regenerate: " + REGENERATE + "\n"
                    + YAML.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write YAML: " + e.getMessage(), e);
        }
    }

    public static JsonNode readYaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    public static JsonNode readYaml(String text) throws IOException {
        return YAML.readTree(text);
    }

    public static JsonNode readJson(String text) throws IOException {
        return JSON.readTree(text);
    }

    public static String toJson(JsonNode document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }
}
