package com.streambazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * deploy/kubernetes renders in both overlays, every object is valid against the Kubernetes and CRD schemas
 * (deploy/validate), and the manifests keep the promises deploy/README.md makes: probes, limits, hardening, secrets
 * by reference only, one database role per service schema, every topic declared, generated parts marked.
 */
class DeployManifestsTest {

    private static final List<String> SERVICES = List.of("auth-service", "catalog-service", "session-service",
            "realtime-service", "analytics-service");
    private static final Path VALIDATOR = RenderedManifests.REPOSITORY.resolve("deploy").resolve("validate");

    @Test
    void everyObjectIsValidAgainstTheKubernetesAndCrdSchemas() throws Exception {
        List<Path> rendered = RenderedManifests.overlays().stream().map(RenderedManifests.Overlay::file).toList();
        Path work = installValidator();
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        rendered.forEach(file -> command.add(file.toString()));
        ProcessResult result = run(command, work, 3);
        assertEquals(0, result.exitCode(), "manifests are invalid:\n" + result.output());
        assertTrue(result.output().contains("; 0 invalid"), result.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceIsDeployedHardenedAndProbed(String overlayName) {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        Set<String> deployed = new TreeSet<>();
        for (JsonNode deployment : overlay.serviceDeployments()) {
            String name = deployment.path("metadata").path("name").asText();
            deployed.add(name);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = single(pod.path("containers"), name);
            String where = overlay + " " + name + ": ";

            assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(), where + "startup probe");
            assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(), where + "readiness probe");
            assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), where + "liveness probe");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(container.path("resources").path(kind).path(resource).asText().isEmpty(), where + kind + "." + resource);
                }
            }
            // the images' heap is half the memory limit (-XX:MaxRAMPercentage=50): 512Mi holds the 256 MB heap
            assertEquals("512Mi", container.path("resources").path("limits").path("memory").asText(), where + "memory limit");

            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + "runAsNonRoot");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), where + "seccomp");
            JsonNode security = container.path("securityContext");
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), where + "readOnlyRootFilesystem");
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), where + "allowPrivilegeEscalation");
            assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString(), where + "dropped capabilities");
            assertTrue(mounts(container).containsKey("/tmp") && volume(pod, mounts(container).get("/tmp")).has("emptyDir"),
                    where + "/tmp is an emptyDir");
            assertTrue(deployment.path("spec").path("replicas").isMissingNode(), where + "the HPA owns the replica count");

            assertEquals("stream-bazaar", container.path("envFrom").get(0).path("configMapRef").path("name").asText(), where + "ConfigMap");
            assertEquals("ghcr.io/stream-bazaar/" + name + ":" + projectVersion(), container.path("image").asText(),
                    where + "the image the build produces");
            // the JVM options are the image's (JAVA_OPTS_APPEND); overriding the command or them would lose them
            assertTrue(container.path("command").isMissingNode() && container.path("args").isMissingNode(), where + "no command override");
            for (String option : List.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS")) {
                assertFalse(env(container).containsKey(option), where + option + " would replace the image's JVM options");
            }

            for (String kind : List.of("Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
                assertTrue(overlay.find(kind, name).isPresent(), where + "has a " + kind);
            }
        }
        assertEquals(new TreeSet<>(SERVICES), deployed, overlay + ": one Deployment per service");
    }

    @Test
    void theImagesCarryTheJvmOptionsTheServicesNeed() throws IOException {
        String shared = Files.readString(RenderedManifests.REPOSITORY.resolve(
                "bazaar-common/src/main/resources/META-INF/microprofile-config.properties"), StandardCharsets.UTF_8);
        Matcher jvm = Pattern.compile("(?m)^quarkus\\.jib\\.jvm-additional-arguments=(.*)$").matcher(shared);
        assertTrue(jvm.find(), "bazaar-common sets the images' JVM options");
        // RequestGuard answers malformed URIs in JSON only when Vert.x leaves URI validation to it
        assertTrue(List.of(jvm.group(1).split(",")).contains("-Dvertx.disableURIValidation=true"), jvm.group(1));
        Matcher nativeImage = Pattern.compile("(?m)^quarkus\\.jib\\.native-arguments=(.*)$").matcher(shared);
        assertTrue(nativeImage.find() && nativeImage.group(1).contains("-Dvertx.disableURIValidation=true"), "native images too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsAreReferencedNeverIncluded(String overlayName) {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        assertTrue(overlay.ofKind("Secret").isEmpty(), overlay + ": no Secret object belongs in the repository");
        Pattern secretish = Pattern.compile("PASSWORD|SECRET|CERTIFICATE|TOKEN|PRIVATE");
        for (JsonNode deployment : overlay.serviceDeployments()) {
            for (JsonNode variable : single(deployment.path("spec").path("template").path("spec").path("containers"), "").path("env")) {
                String name = variable.path("name").asText();
                if (secretish.matcher(name).find()) {
                    assertTrue(variable.path("valueFrom").has("secretKeyRef"), overlay + ": " + name + " must come from a Secret");
                }
            }
        }
        for (JsonNode configMap : overlay.ofKind("ConfigMap")) {
            configMap.path("data").fieldNames().forEachRemaining(key ->
                    assertFalse(secretish.matcher(key).find(), overlay + ": " + key + " is no ConfigMap value"));
        }
    }

    @Test
    void authSignsWithMountedKeysInProdAndAGeneratedKeyOnlyInDev() {
        JsonNode prod = RenderedManifests.overlay("prod").get("Deployment", "auth-service");
        JsonNode prodContainer = single(prod.path("spec").path("template").path("spec").path("containers"), "auth-service");
        Map<String, JsonNode> prodEnv = env(prodContainer);
        String keysDir = prodEnv.get("BAZAAR_AUTH_KEYS_DIR").path("value").asText();
        assertEquals("false", prodEnv.get("BAZAAR_AUTH_GENERATE_DEV_KEY").path("value").asText());
        String volume = mounts(prodContainer).get(keysDir);
        JsonNode keys = volume(prod.path("spec").path("template").path("spec"), volume);
        assertEquals("bazaar-auth-keys", keys.path("secret").path("secretName").asText(), "prod keys come from the Secret");

        JsonNode dev = RenderedManifests.overlay("dev").get("Deployment", "auth-service");
        JsonNode devContainer = single(dev.path("spec").path("template").path("spec").path("containers"), "auth-service");
        assertEquals("true", env(devContainer).get("BAZAAR_AUTH_GENERATE_DEV_KEY").path("value").asText());
        assertTrue(volume(dev.path("spec").path("template").path("spec"), mounts(devContainer).get(keysDir)).has("emptyDir"));
        assertEquals(1, RenderedManifests.overlay("dev").get("HorizontalPodAutoscaler", "auth-service").path("spec").path("maxReplicas").asInt(),
                "replicas with development keys of their own would not accept each other's tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void realtimeReplicasAreNamedAfterTheirPods(String overlayName) {
        JsonNode realtime = RenderedManifests.overlay(overlayName).get("Deployment", "realtime-service");
        JsonNode replicaId = env(single(realtime.path("spec").path("template").path("spec").path("containers"), "realtime-service"))
                .get("BAZAAR_REPLICA_ID");
        assertEquals("metadata.name", replicaId.path("valueFrom").path("fieldRef").path("fieldPath").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsOwnDatabaseRoleAndSchema(String overlayName) throws IOException {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        JsonNode cluster = overlay.get("Cluster", "bazaar-db");
        Map<String, String> roleSecrets = new TreeMap<>();
        for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
            roleSecrets.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText());
        }
        String bootstrap = cluster.path("spec").path("bootstrap").path("initdb").path("postInitApplicationSQL").toString();
        String database = cluster.path("spec").path("bootstrap").path("initdb").path("database").asText();
        JsonNode config = overlay.get("ConfigMap", "stream-bazaar").path("data");
        assertEquals(database, config.path("BAZAAR_DB_NAME").asText());
        assertEquals(cluster.path("metadata").path("name").asText() + "-rw", config.path("BAZAAR_DB_HOST").asText());
        for (String service : SERVICES) {
            String schema = property(service, "bazaar.db.schema");
            assertTrue(roleSecrets.containsKey(schema), overlay + ": a role for " + service + "'s schema " + schema);
            assertTrue(bootstrap.contains("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema), overlay + ": schema " + schema);
            Map<String, JsonNode> env = env(single(overlay.get("Deployment", service).path("spec").path("template").path("spec")
                    .path("containers"), service));
            for (String variable : List.of("BAZAAR_DB_USER", "BAZAAR_DB_PASSWORD")) {
                assertEquals(roleSecrets.get(schema), env.get(variable).path("valueFrom").path("secretKeyRef").path("name").asText(),
                        overlay + ": " + service + " logs in as the role the Cluster gives " + schema);
            }
        }
        assertEquals(SERVICES.size(), roleSecrets.size(), overlay + ": one role per service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicIsDeclaredAndTheBrokerCreatesNone(String overlayName) throws IOException {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        String topicsSource = Files.readString(RenderedManifests.REPOSITORY.resolve(
                "bazaar-common/src/main/java/com/streambazaar/common/event/Topics.java"), StandardCharsets.UTF_8);
        Set<String> expected = new TreeSet<>();
        Matcher constant = Pattern.compile("public static final String \\w+ = \"([^\"]+)\";").matcher(topicsSource);
        while (constant.find()) {
            expected.add(constant.group(1));
        }
        assertTrue(expected.size() >= 9, "Topics.java parsed: " + expected);
        for (String service : SERVICES) {
            expected.add("bazaar.dead-letters." + service + ".v1");
        }
        Map<String, JsonNode> declared = new TreeMap<>();
        for (JsonNode topic : overlay.ofKind("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
            declared.put(name, topic);
            assertEquals("bazaar-kafka", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(), name);
        }
        assertEquals(expected, declared.keySet(), overlay + ": KafkaTopics = Topics.java + each service's dead letters");
        for (String compacted : List.of("bazaar.users.v1", "bazaar.products.v1")) {
            assertEquals("compact", declared.get(compacted).path("spec").path("config").path("cleanup.policy").asText(), compacted);
        }
        int brokers = overlay.ofKind("KafkaNodePool").stream().filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        for (JsonNode topic : declared.values()) {
            int replicas = topic.path("spec").path("replicas").asInt();
            int minInSync = topic.path("spec").path("config").path("min.insync.replicas").asInt();
            assertTrue(replicas <= brokers && minInSync <= replicas && (brokers < 3 || minInSync >= 2),
                    overlay + ": " + topic.path("metadata").path("name") + " replicas " + replicas + ", min.insync " + minInSync);
        }
        JsonNode kafka = overlay.get("Kafka", "bazaar-kafka");
        assertFalse(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true),
                "the broker creates no topic on its own");
        assertEquals("bazaar-kafka-kafka-bootstrap:9092", overlay.get("ConfigMap", "stream-bazaar").path("data")
                .path("KAFKA_BOOTSTRAP_SERVERS").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesDenyByDefaultAndAdmitTheIngressController(String overlayName) {
        RenderedManifests.Overlay overlay = RenderedManifests.overlay(overlayName);
        JsonNode deny = overlay.get("NetworkPolicy", "default-deny");
        assertEquals("{}", deny.path("spec").path("podSelector").toString());
        assertEquals("[\"Ingress\",\"Egress\"]", deny.path("spec").path("policyTypes").toString());
        JsonNode fromIngress = overlay.get("NetworkPolicy", "services-from-ingress-and-monitoring").path("spec").path("ingress").get(0);
        Set<Integer> admitted = new HashSet<>();
        fromIngress.path("ports").forEach(p -> admitted.add(p.path("port").asInt()));
        for (JsonNode deployment : overlay.serviceDeployments()) {
            int port = single(deployment.path("spec").path("template").path("spec").path("containers"), "")
                    .path("ports").get(0).path("containerPort").asInt();
            assertTrue(admitted.contains(port), overlay + ": the ingress controller reaches " + deployment.path("metadata").path("name"));
        }
    }

    @Test
    void generatedManifestsAreMarkedAndHandWrittenOnesAreNot() throws IOException {
        Path base = RenderedManifests.KUBERNETES.resolve("base");
        for (String service : SERVICES) {
            String generated = Files.readString(base.resolve("generated").resolve(service + ".yaml"), StandardCharsets.UTF_8);
            assertTrue(generated.startsWith("# GENERATED by deploy/generate.sh"), service + " is marked generated");
        }
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.startsWith(base.resolve("generated"))).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains("GENERATED"), file + " is hand-written");
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private record ProcessResult(int exitCode, String output) {
    }

    /** deploy/validate with its npm dependencies, installed under target/ (npm ci from the committed lock file). */
    private static Path installValidator() throws Exception {
        Path work = Path.of("target", "deploy-validate").toAbsolutePath();
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(VALIDATOR.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path crds = work.resolve("crds");
        try (Stream<Path> files = Files.walk(VALIDATOR.resolve("crds"))) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = crds.resolve(VALIDATOR.resolve("crds").relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path stamp = work.resolve("node_modules").resolve(".installed-lock");
        String lock = Files.readString(work.resolve("package-lock.json"), StandardCharsets.UTF_8);
        if (!Files.exists(stamp) || !Files.readString(stamp, StandardCharsets.UTF_8).equals(lock)) {
            ProcessResult install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"), work, 5);
            assertEquals(0, install.exitCode(), "npm ci in " + work + " failed:\n" + install.output());
            Files.writeString(stamp, lock, StandardCharsets.UTF_8);
        }
        return work;
    }

    private static ProcessResult run(List<String> command, Path directory, int timeoutMinutes) throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "deploy-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed to validate the manifests (Node.js and npm; .ci/run installs them): "
                    + e.getMessage(), e);
        }
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeoutMinutes + " minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new ProcessResult(process.exitValue(), output);
    }

    private static JsonNode single(JsonNode array, String what) {
        assertEquals(1, array.size(), what + ": exactly one container");
        return array.get(0);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new TreeMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        return env;
    }

    private static Map<String, String> mounts(JsonNode container) {
        Map<String, String> mounts = new TreeMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        return mounts;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** A property of a service's application.properties (its own value, not an expression). */
    private static String property(String service, String key) throws IOException {
        String properties = Files.readString(RenderedManifests.REPOSITORY.resolve(service)
                .resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(properties);
        assertTrue(value.find(), service + " sets " + key);
        return value.group(1).trim();
    }

    private static String projectVersion() {
        try {
            String pom = Files.readString(RenderedManifests.REPOSITORY.resolve("pom.xml"), StandardCharsets.UTF_8);
            Matcher version = Pattern.compile("<artifactId>stream-bazaar</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            assertTrue(version.find(), "the root pom's version");
            return version.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
