package com.streambazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes overlays of deploy/kubernetes as {@code kubectl kustomize} renders them (what {@code kubectl apply -k}
 * would send), once per test run: written to target/rendered/&lt;overlay&gt;.yaml and parsed into objects.
 */
final class RenderedManifests {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    static final Path KUBERNETES = REPOSITORY.resolve("deploy").resolve("kubernetes");
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();

    /** One rendered overlay. */
    record Overlay(String name, Path file, List<JsonNode> objects) {

        List<JsonNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError(this.name + " overlay has no " + kind + " " + name));
        }

        /** The Deployments of the five services. */
        List<JsonNode> serviceDeployments() {
            return ofKind("Deployment").stream()
                    .filter(d -> "stream-bazaar".equals(d.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()))
                    .toList();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RenderedManifests() {
    }

    static Overlay overlay(String name) {
        return RENDERED.computeIfAbsent(name, RenderedManifests::render);
    }

    static List<Overlay> overlays() {
        return OVERLAYS.stream().map(RenderedManifests::overlay).toList();
    }

    private static Overlay render(String name) {
        Path directory = KUBERNETES.resolve("overlays").resolve(name);
        try {
            Path out = Path.of("target", "rendered").toAbsolutePath();
            Files.createDirectories(out);
            Path file = out.resolve(name + ".yaml");
            Path errors = out.resolve(name + ".err");
            Process process;
            try {
                process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                        .redirectOutput(file.toFile()).redirectError(errors.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("kubectl is needed to render the Kubernetes overlays (Debian/Ubuntu package kubectl;"
                        + " .ci/run installs it): " + e.getMessage(), e);
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + Files.readString(errors, StandardCharsets.UTF_8));
            }
            List<JsonNode> objects = new ArrayList<>();
            try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                while (documents.hasNext()) {
                    JsonNode object = documents.next();
                    if (object != null && !object.isNull() && !object.isMissingNode()) {
                        objects.add(object);
                    }
                }
            }
            return new Overlay(name, file, List.copyOf(objects));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
