package com.streambazaar.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The REST operations of every service, read from the OpenAPI document each one serves ({@code /q/openapi}, through
 * the edge at {@code /docs/<service>/openapi}): what the fuzzer drives and what the authorization matrix must cover.
 * Schemas are resolved ({@code $ref}, {@code allOf}; 3.1 type lists) into plain trees.
 */
final class OpenApi {

    static final List<String> SERVICES = List.of("auth", "catalog", "session", "realtime", "analytics");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApi() {
    }

    record Param(String in, String name, JsonNode schema, boolean required) {
    }

    /** One operation; {@code body} is the resolved request schema (null when it takes none). */
    record Operation(String service, String method, String path, List<Param> params, JsonNode body, boolean bodyRequired,
                     JsonNode bodyExample) {

        String key() {
            return method + " " + path;
        }

        List<Param> pathParams() {
            return params.stream().filter(p -> p.in().equals("path")).toList();
        }

        List<Param> queryParams() {
            return params.stream().filter(p -> p.in().equals("query")).toList();
        }

        @Override
        public String toString() {
            return service + ": " + key();
        }
    }

    /** Every operation of every service, sorted (service, path, method), so a seed always means the same cases. */
    static List<Operation> load(String edge) {
        List<Operation> all = new ArrayList<>();
        for (String service : SERVICES) {
            Http.Reply reply = Http.get(edge + "/docs/" + service + "/openapi?format=json", null);
            if (reply.status() != 200) {
                throw new AssertionError("OpenAPI document of " + service + ": " + reply);
            }
            all.addAll(operations(service, reply.json()));
        }
        all.sort(Comparator.comparing(Operation::service).thenComparing(Operation::path).thenComparing(Operation::method));
        return all;
    }

    static List<Operation> operations(String service, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode op = entry.getValue();
                List<Param> params = new ArrayList<>();
                List<JsonNode> declared = new ArrayList<>(shared);
                op.path("parameters").forEach(declared::add);
                for (JsonNode p : declared) {
                    JsonNode param = resolve(document, p);
                    if (params.stream().anyMatch(q -> q.name().equals(param.path("name").asText())
                            && q.in().equals(param.path("in").asText()))) {
                        continue;
                    }
                    params.add(new Param(param.path("in").asText(), param.path("name").asText(),
                            schema(document, param.path("schema")), param.path("required").asBoolean(false)));
                }
                // a path template names its parameters even where the document forgot one
                java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (names.find()) {
                    String name = names.group(1);
                    if (params.stream().noneMatch(p -> p.in().equals("path") && p.name().equals(name))) {
                        params.add(new Param("path", name, NODES.objectNode().put("type", "string"), true));
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                JsonNode json = content.path("application/json");
                JsonNode body = null;
                JsonNode example = null;
                if (!json.isMissingNode()) {
                    body = schema(document, json.path("schema"));
                    example = example(json);
                } else if (content.size() > 0) {
                    body = NODES.objectNode().put("type", "object");
                }
                operations.add(new Operation(service, entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), params,
                        body, op.path("requestBody").path("required").asBoolean(false), example));
            }
        }
        return operations;
    }

    private static JsonNode example(JsonNode mediaType) {
        if (mediaType.has("example")) {
            return mediaType.get("example");
        }
        Iterator<JsonNode> examples = mediaType.path("examples").elements();
        return examples.hasNext() ? examples.next().path("value") : null;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        int depth = 0;
        while (node != null && node.has("$ref") && depth++ < 20) {
            String ref = node.get("$ref").asText();
            JsonNode target = document;
            for (String part : ref.replaceFirst("^#/", "").split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    /** A schema with $refs and allOf folded in (bounded depth: recursive schemas end in an open object). */
    static JsonNode schema(JsonNode document, JsonNode schema) {
        return schema(document, schema, 0);
    }

    private static JsonNode schema(JsonNode document, JsonNode schema, int depth) {
        JsonNode resolved = resolve(document, schema);
        if (resolved == null || resolved.isMissingNode() || !resolved.isObject() || depth > 8) {
            return NODES.objectNode();
        }
        ObjectNode out = NODES.objectNode();
        resolved.fields().forEachRemaining(field -> {
            switch (field.getKey()) {
                case "properties" -> {
                    ObjectNode properties = NODES.objectNode();
                    field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(),
                            schema(document, p.getValue(), depth + 1)));
                    out.set("properties", properties);
                }
                case "items" -> out.set("items", schema(document, field.getValue(), depth + 1));
                case "allOf" -> field.getValue().forEach(part -> {
                    JsonNode folded = schema(document, part, depth + 1);
                    folded.fields().forEachRemaining(f -> {
                        if (f.getKey().equals("properties") && out.has("properties")) {
                            ((ObjectNode) out.get("properties")).setAll((ObjectNode) f.getValue());
                        } else if (f.getKey().equals("required") && out.has("required")) {
                            ((ArrayNode) out.get("required")).addAll((ArrayNode) f.getValue());
                        } else {
                            out.set(f.getKey(), f.getValue());
                        }
                    });
                });
                case "oneOf", "anyOf" -> {
                    // the first non-null alternative stands for the field
                    for (JsonNode alternative : field.getValue()) {
                        JsonNode folded = schema(document, alternative, depth + 1);
                        if (!"null".equals(folded.path("type").asText())) {
                            folded.fields().forEachRemaining(f -> out.putIfAbsent(f.getKey(), f.getValue()));
                            break;
                        }
                    }
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        });
        return out;
    }

    /** The schema's main type: the first of a 3.1 type list that is not "null"; "object" for one with properties. */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "";
    }

    static boolean nullable(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
        }
        return schema.path("nullable").asBoolean(false);
    }
}
