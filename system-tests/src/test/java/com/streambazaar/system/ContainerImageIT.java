package com.streambazaar.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.streambazaar.testkit.BazaarStack;
import com.streambazaar.testkit.KafkaTestBroker;
import com.streambazaar.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The services' container images are working images, and the manifests name them (issue 14). Builds catalog-service's
 * JVM image exactly as {@code deploy/images/build.sh} does — Jib onto the Debian base image of
 * {@code deploy/images/base-image.sh}, an image archive, no Docker daemon — in a copy of the checkout (so the modules'
 * own target folders, which other tests run from, stay untouched). Then runs it as its Kubernetes Deployment would:
 * the layers unpacked into a root file system mounted read-only, the Deployment's emptyDir volumes writable, the
 * image's own entrypoint, command, environment, working directory and user, the ConfigMap and the Deployment's
 * variables, on the host network against the test Postgres and a real Kafka broker; its probes' endpoints must
 * answer UP, and it must reach the broker. Needs root (mount namespace, chroot), kubectl and, for the first base
 * image, debootstrap ({@code .ci/run} installs both); skipped with a message otherwise.
 */
class ContainerImageIT {

    private static final String SERVICE = "catalog-service";
    private static final String[] SERVICES = {"auth-service", "catalog-service", "session-service", "realtime-service",
            "analytics-service"};
    /** Mounts the image's root read-only (as readOnlyRootFilesystem does), the emptyDirs and what a runtime provides
     * (/proc, /dev, /sys, /etc/hosts, /etc/resolv.conf), then enters the root as the image's user and execs its
     * entrypoint. Arguments: root, working dir, uid, gid, read-only (true/false), emptyDir paths..., --, command... */
    private static final String RUN_IMAGE = """
            set -e
            root=$1; wd=$2; uid=$3; gid=$4; ro=$5; shift 5
            mount --bind "$root" "$root"
            while [ "$1" != "--" ]; do
              mkdir -p "$root$1"; mount -t tmpfs -o mode=1777 tmpfs "$root$1"; shift
            done
            shift
            mount -t proc proc "$root/proc"
            mount --rbind /dev "$root/dev"
            mount --rbind /sys "$root/sys"
            for f in /etc/hosts /etc/resolv.conf; do
              [ -e "$root$f" ] || : > "$root$f"
              mount --bind "$f" "$root$f"
            done
            if [ "$ro" = true ]; then mount -o remount,bind,ro "$root"; fi
            exec unshare --root="$root" --wd="$wd" --setgid "$gid" --setuid "$uid" -- "$@"
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Path checkout = BazaarStack.checkout();
    private final Path work = checkout.resolve("system-tests/target/image-test");

    @Test
    void catalogServiceImageRunsAsItsDeploymentRunsIt() throws Exception {
        Assumptions.assumeTrue(isRootOnLinux(), "ContainerImageIT skipped: running an image (mount namespace, chroot) "
                + "needs root on Linux; CI runs as root");
        Assumptions.assumeTrue(onPath("kubectl"), "ContainerImageIT skipped: kubectl is needed to render "
                + "deploy/kubernetes (Debian package kubectl; .ci/run installs it)");
        Instant begin = Instant.now();
        Files.createDirectories(work);

        Path base = baseImage();
        Instant based = Instant.now();
        Path archive = buildImage(base);
        Instant built = Instant.now();
        System.out.printf("ContainerImageIT: base image %s (%d MB) in %d s, %s (%d MB) built in %d s%n", base,
                Files.size(base) >> 20, Duration.between(begin, based).toSeconds(), archive.getFileName(),
                Files.size(archive) >> 20, Duration.between(based, built).toSeconds());

        Path unpacked = work.resolve("image");
        deleteTree(unpacked);
        Files.createDirectories(unpacked);
        run(Duration.ofMinutes(2), work.resolve("unpack.log"), "tar", "-xf", archive.toString(), "-C",
                unpacked.toString());
        JsonNode manifest = json.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        JsonNode config = json.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
        String tag = manifest.get("RepoTags").get(0).asText();

        // the manifests name what the build produces: this image, and the others by the same rule
        Map<String, JsonNode> prod = render("prod");
        Map<String, JsonNode> dev = render("dev");
        String prefix = tag.substring(0, tag.lastIndexOf('/') + 1);
        String version = tag.substring(tag.lastIndexOf(':') + 1);
        for (String service : SERVICES) {
            for (Map<String, JsonNode> overlay : List.of(prod, dev)) {
                assertEquals(prefix + service + ":" + version, container(overlay, service).get("image").asText(),
                        service + "'s Deployment names another image than the build makes");
            }
        }
        JsonNode deployment = prod.get("Deployment/" + SERVICE);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = container(prod, SERVICE);
        assertEquals(tag, container.get("image").asText());

        Path rootfs = work.resolve("rootfs");
        deleteTree(rootfs);
        Files.createDirectories(rootfs);
        for (JsonNode layer : manifest.get("Layers")) {
            unpackLayer(unpacked.resolve(layer.asText()), rootfs);
        }
        // the image's user is the one the Deployment runs as (runAsUser/runAsGroup override it in a cluster), its
        // port the one the probes use, and the Deployment runs it read-only with /tmp its only writable place
        int[] user = user(config.at("/config/User").asText(""), rootfs);
        assertTrue(user[0] != 0, "the image runs as root");
        assertEquals(pod.at("/securityContext/runAsUser").asInt(), user[0], "image user vs Deployment runAsUser");
        assertEquals(pod.at("/securityContext/runAsGroup").asInt(), user[1], "image group vs Deployment runAsGroup");
        int containerPort = container.at("/ports/0/containerPort").asInt();
        assertTrue(config.at("/config/ExposedPorts").has(containerPort + "/tcp"),
                "the image exposes " + config.at("/config/ExposedPorts") + ", the Deployment uses " + containerPort);
        boolean readOnly = container.at("/securityContext/readOnlyRootFilesystem").asBoolean(false);
        assertTrue(readOnly, "the Deployment should run the image with a read-only root file system");
        List<String> emptyDirs = emptyDirMounts(pod, container);
        assertEquals(List.of("/tmp"), emptyDirs);

        PostgresTestDatabase db = PostgresTestDatabase.create();
        KafkaTestBroker broker = new KafkaTestBroker();
        Process process = null;
        Path log = work.resolve(SERVICE + ".log");
        try {
            broker.start();
            int port = freePort();
            Map<String, String> env = environment(config, prod, deployment, container, db, broker, port);

            List<String> command = new ArrayList<>(List.of("unshare", "--mount", "/bin/sh", "-c", RUN_IMAGE,
                    "run-image", rootfs.toString(), config.at("/config/WorkingDir").asText("/"),
                    String.valueOf(user[0]), String.valueOf(user[1]), String.valueOf(readOnly)));
            command.addAll(emptyDirs);
            command.add("--");
            config.at("/config/Entrypoint").forEach(a -> command.add(a.asText()));
            config.at("/config/Cmd").forEach(a -> command.add(a.asText()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Instant launched = Instant.now();
            process = builder.start();

            String service = "http://127.0.0.1:" + port;
            awaitUp(process, service + container.at("/startupProbe/httpGet/path").asText(), log);
            Duration startup = Duration.between(launched, Instant.now());
            assertUp(service + container.at("/livenessProbe/httpGet/path").asText(), log);
            assertUp(service + container.at("/readinessProbe/httpGet/path").asText(), log);
            // and it reaches the real broker (KafkaBrokerHealth, in the wellness group)
            awaitUp(process, service + "/q/health/well", log);

            // it is the image's JVM as the image's user on a read-only root, not something of the host's
            Map<String, String> status = procStatus(process.pid());
            assertEquals(String.valueOf(user[0]), status.get("Uid").split("\\s+")[1], "effective uid");
            String rootMount = Files.readAllLines(Path.of("/proc/" + process.pid() + "/mountinfo")).stream()
                    .map(l -> l.split(" ")).filter(f -> f[4].equals("/")).map(f -> f[5]).findFirst().orElse("");
            assertTrue(rootMount.startsWith("ro"), "root mounted " + rootMount);
            assertTrue(Files.readString(log).contains("catalog-service"), "no start log:\n" + tail(log));
            System.out.printf("ContainerImageIT: %s ran from its image as uid %d on a read-only root, UP in %d ms "
                    + "(whole test %d s)%n", tag, user[0], startup.toMillis(),
                    Duration.between(begin, Instant.now()).toSeconds());
        } finally {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            broker.delete();
            db.drop();
            deleteTree(rootfs);
            deleteTree(unpacked);
        }
    }

    /** deploy/images/base-image.sh: the cached base image, made when missing; skips when it cannot be made here. */
    private Path baseImage() throws Exception {
        Path log = work.resolve("base-image.log");
        Path out = work.resolve("base-image.path");
        ProcessBuilder builder = new ProcessBuilder(checkout.resolve("deploy/images/base-image.sh").toString())
                .redirectOutput(out.toFile()).redirectError(log.toFile());
        int code = await(builder.start(), Duration.ofMinutes(10), "base-image.sh");
        if (code == 3) {
            Assumptions.abort("ContainerImageIT skipped: the base image cannot be made here: " + Files.readString(log));
        }
        assertEquals(0, code, "deploy/images/base-image.sh failed:\n" + tail(log));
        List<String> lines = Files.readAllLines(out);
        return Path.of(lines.get(lines.size() - 1));
    }

    /** deploy/images/build.sh for the one service, in a copy of the checkout; returns the image archive. */
    private Path buildImage(Path base) throws Exception {
        Path copy = work.resolve("checkout");
        deleteTree(copy);
        copySources(checkout, copy);
        Path images = work.resolve("images");
        deleteTree(images);
        // offline: this build has already resolved everything the service's build needs (its modules came first)
        StringBuilder mavenArgs = new StringBuilder("-o -Dmaven.test.skip=true");
        String repository = System.getProperty("bazaar.maven.repo.local", "");
        if (!repository.isBlank() && !repository.contains("${")) {
            mavenArgs.append(" -Dmaven.repo.local=").append(repository);
        }
        Path log = work.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(copy.resolve("deploy/images/build.sh").toString(), SERVICE)
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // this run's own Maven variables would point the nested build at the outer one
        Stream.of("MAVEN_ARGS", "MAVEN_CMD_LINE_ARGS", "MAVEN_PROJECTBASEDIR", "MAVEN_BASEDIR").forEach(env::remove);
        env.put("MAVEN_ARGS", mavenArgs.toString());
        env.put("BAZAAR_BASE_IMAGE", base.toString());
        env.put("BAZAAR_IMAGE_DIR", images.toString());
        int code = await(builder.start(), Duration.ofMinutes(10), "build.sh");
        assertEquals(0, code, "deploy/images/build.sh " + SERVICE + " failed:\n" + tail(log));
        try (Stream<Path> files = Files.list(images)) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().startsWith(SERVICE + "-")
                    && p.toString().endsWith(".tar")).toList();
            assertEquals(1, archives.size(), "image archives in " + images + ": " + archives);
            return archives.get(0);
        }
    }

    /** The checkout's sources, without build output, dependencies or Git data. */
    private static void copySources(Path from, Path to) throws IOException {
        Set<String> skipped = Set.of("target", "node_modules", ".git", ".idea");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && skipped.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Applies one layer as a container runtime does: its whiteouts delete from the layers below, then its files. */
    private void unpackLayer(Path layer, Path rootfs) throws Exception {
        Path listing = work.resolve("layer.list");
        run(Duration.ofMinutes(2), listing, "tar", "--warning=no-unknown-keyword", "-tf", layer.toString());
        for (String entry : Files.readAllLines(listing)) {
            String path = entry.startsWith("./") ? entry.substring(2) : entry;
            String name = path.substring(path.lastIndexOf('/') + 1);
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            if (name.equals(".wh..wh..opq")) {
                Path opaque = rootfs.resolve(dir);
                if (Files.isDirectory(opaque)) {
                    try (Stream<Path> children = Files.list(opaque)) {
                        for (Path child : children.toList()) {
                            deleteTree(child);
                        }
                    }
                }
            } else if (name.startsWith(".wh.")) {
                deleteTree(rootfs.resolve(dir + name.substring(4)));
            }
        }
        run(Duration.ofMinutes(2), work.resolve("layer.log"), "tar", "--warning=no-unknown-keyword",
                "--numeric-owner", "-xpf", layer.toString(), "-C", rootfs.toString(), "--exclude=.wh.*",
                "--exclude=*/.wh.*");
    }

    /** uid and gid of the image's User ("uid", "uid:gid", "name" or "name:group", looked up in the image). */
    private static int[] user(String spec, Path rootfs) throws IOException {
        if (spec.isEmpty()) {
            return new int[]{0, 0};
        }
        String[] parts = spec.split(":", 2);
        Map<String, String[]> passwd = new LinkedHashMap<>();
        for (String line : Files.readAllLines(rootfs.resolve("etc/passwd"))) {
            String[] f = line.split(":");
            passwd.put(f[0], f);
            passwd.putIfAbsent(f[2], f);
        }
        String[] entry = passwd.get(parts[0]);
        int uid = parts[0].matches("\\d+") ? Integer.parseInt(parts[0]) : Integer.parseInt(entry[2]);
        int gid;
        if (parts.length == 2 && parts[1].matches("\\d+")) {
            gid = Integer.parseInt(parts[1]);
        } else if (parts.length == 2) {
            gid = Files.readAllLines(rootfs.resolve("etc/group")).stream().map(l -> l.split(":"))
                    .filter(f -> f[0].equals(parts[1])).map(f -> Integer.parseInt(f[2])).findFirst().orElseThrow();
        } else {
            gid = entry != null ? Integer.parseInt(entry[3]) : uid;
        }
        return new int[]{uid, gid};
    }

    /** As the kubelet builds it: the image's Env, then the ConfigMaps of envFrom, then env; cluster addresses and
     * Secrets replaced by the test's Postgres and Kafka, the port by a free one (host network). */
    private Map<String, String> environment(JsonNode config, Map<String, JsonNode> objects, JsonNode deployment,
                                            JsonNode container, PostgresTestDatabase db, KafkaTestBroker broker,
                                            int port) {
        Map<String, String> env = new TreeMap<>();
        config.at("/config/Env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv.length == 2 ? kv[1] : "");
        });
        container.path("envFrom").forEach(from -> {
            JsonNode map = objects.get("ConfigMap/" + from.at("/configMapRef/name").asText());
            assertTrue(map != null, "envFrom names a ConfigMap the manifests do not hold: " + from);
            map.path("data").properties().forEach(d -> env.put(d.getKey(), d.getValue().asText()));
        });
        Map<String, String> secrets = Map.of("username", db.user(), "password", db.password().orElse(""));
        container.path("env").forEach(e -> {
            String name = e.get("name").asText();
            if (e.has("value")) {
                env.put(name, e.get("value").asText());
            } else if (e.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.namespace")) {
                env.put(name, deployment.at("/metadata/namespace").asText());
            } else if (e.at("/valueFrom/secretKeyRef/name").asText().startsWith("bazaar-db-")) {
                env.put(name, secrets.get(e.at("/valueFrom/secretKeyRef/key").asText()));
            } else if (!e.at("/valueFrom/secretKeyRef/optional").asBoolean(false)) {
                fail("no value for the Deployment's variable " + e);
            }
        });
        env.put("BAZAAR_DB_HOST", db.host());
        env.put("BAZAAR_DB_PORT", String.valueOf(db.port()));
        env.put("BAZAAR_DB_NAME", db.database());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return env;
    }

    /** The Deployment's emptyDir mount paths. */
    private static List<String> emptyDirMounts(JsonNode pod, JsonNode container) {
        List<String> paths = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> pod.path("volumes").forEach(v -> {
            if (v.get("name").asText().equals(m.get("name").asText()) && v.has("emptyDir")) {
                paths.add(m.get("mountPath").asText());
            }
        }));
        return paths;
    }

    /** {@code kubectl kustomize deploy/kubernetes/overlays/<overlay>}, by "Kind/name". */
    private Map<String, JsonNode> render(String overlay) throws Exception {
        Path out = work.resolve("rendered-" + overlay + ".yaml");
        run(Duration.ofMinutes(2), out, "kubectl", "kustomize",
                checkout.resolve("deploy/kubernetes/overlays/" + overlay).toString());
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        try (var docs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(out.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.has("kind")) {
                    objects.put(doc.get("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
                }
            }
        }
        return objects;
    }

    private static JsonNode container(Map<String, JsonNode> objects, String service) {
        JsonNode deployment = objects.get("Deployment/" + service);
        assertTrue(deployment != null, "no Deployment " + service + " in the manifests");
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            if (c.get("name").asText().equals(service)) {
                return c;
            }
        }
        throw new AssertionError("Deployment " + service + " has no container " + service);
    }

    private void awaitUp(Process process, String url, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("the image's process ended (" + process.exitValue() + ") before " + url + " answered:\n"
                        + tail(log));
            }
            try {
                HttpResponse<String> r = get(url);
                if (r.statusCode() == 200) {
                    assertEquals("UP", json.readTree(r.body()).path("status").asText(), r.body());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail(url + " did not answer 200 within 2 minutes:\n" + tail(log));
    }

    private void assertUp(String url, Path log) throws Exception {
        HttpResponse<String> r = get(url);
        assertEquals(200, r.statusCode(), url + ": " + r.body() + "\n" + tail(log));
        assertEquals("UP", json.readTree(r.body()).path("status").asText(), url + ": " + r.body());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> procStatus(long pid) throws IOException {
        Map<String, String> status = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                status.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return status;
    }

    private static boolean isRootOnLinux() {
        try {
            return procStatus(ProcessHandle.current().pid()).getOrDefault("Uid", "").startsWith("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(Duration timeout, Path output, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(output.resolveSibling(output.getFileName() + ".err")
                        .toFile())).start();
        int code = await(p, timeout, command[0]);
        if (code != 0) {
            fail(String.join(" ", command) + " failed (" + code + "):\n"
                    + tail(output.resolveSibling(output.getFileName() + ".err")));
        }
    }

    private static int await(Process p, Duration timeout, String what) throws InterruptedException {
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(what + " did not finish within " + timeout.toMinutes() + " minutes");
        }
        return p.exitValue();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
