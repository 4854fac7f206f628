package com.streambazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.streambazaar.launcher.OpenApiMerge;
import com.streambazaar.launcher.RouteTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The committed {@code docs/openapi.yaml}, the services' stored documents, and how two documents differ. */
final class ApiDocuments {

    private ApiDocuments() {
    }

    static Path root() {
        return Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
    }

    static Path committedFile() {
        return root().resolve(OpenApiMerge.DOCUMENT);
    }

    static JsonNode committed() throws IOException {
        return OpenApiMerge.readYaml(committedFile());
    }

    /** Each service's document as its build stored it ({@code <module>/target/openapi/openapi.json}). */
    static Map<String, JsonNode> stored() throws IOException {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String module : OpenApiMerge.MODULES) {
            Path file = root().resolve(module).resolve("target/openapi/openapi.json");
            if (!Files.exists(file)) {
                throw new AssertionError(file + " is missing: the services' builds store their OpenAPI documents "
                        + "(quarkus.smallrye-openapi.store-schema-directory); build them first:\n  " + OpenApiMerge.REGENERATE);
            }
            documents.put(module, OpenApiMerge.readJson(Files.readString(file)));
        }
        return documents;
    }

    /** The service that answers a path at the edge, by the routing table. */
    static String serviceOf(String path) {
        return RouteTable.resolve(path.replaceAll("\\{[^}]+}", "x")).map(route -> route.service()).orElse("edge");
    }

    /** Where two documents differ, briefly: top-level fields, paths and components that are not equal. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compareMembers("", expected, actual, out, 0);
        return out;
    }

    private static void compareMembers(String prefix, JsonNode expected, JsonNode actual, List<String> out, int depth) {
        TreeSet<String> names = new TreeSet<>();
        expected.fieldNames().forEachRemaining(names::add);
        actual.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode a = expected.get(name);
            JsonNode b = actual.get(name);
            String where = prefix + "/" + name;
            if (a == null) {
                out.add("only in the services' document: " + where);
            } else if (b == null) {
                out.add("only in the committed document: " + where);
            } else if (!a.equals(b)) {
                boolean descend = depth < 2 && a.isObject() && b.isObject()
                        && (name.equals("paths") || name.equals("components") || prefix.equals("/components"));
                if (descend) {
                    compareMembers(where, a, b, out, depth + 1);
                } else {
                    out.add("differs: " + where);
                }
            }
        }
    }

    /** Operations of the document as "METHOD path" with their node. */
    static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (!op.getKey().startsWith("x-") && !op.getKey().equals("parameters")) {
                    operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
            });
        }
        return operations;
    }

    static Optional<JsonNode> operationById(JsonNode document, String operationId) {
        return operations(document).values().stream()
                .filter(op -> operationId.equals(op.path("operationId").asText())).findFirst();
    }
}
