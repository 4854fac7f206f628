package com.streambazaar.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of what the stack runs (the launcher and its libraries, each service's quarkus-app, the npm clients,
 * the deploy/ and docs/ files the launcher reads),
 * taken once at the start: a rebuild of a module in the shared checkout while the benchmark runs then changes nothing
 * under the running JVMs, and every scenario measures the same build.
 */
public final class Snapshot {

    static final List<String> SERVICES = List.of("auth-service", "session-service", "catalog-service",
            "realtime-service", "analytics-service");

    private Snapshot() {
    }

    /** Copies the runnable parts of {@code root} into {@code into} (replacing an older copy); returns {@code into}. */
    public static Path take(Path root, Path into) throws IOException, InterruptedException {
        delete(into);
        Files.createDirectories(into);
        List<String[]> copies = new ArrayList<>();
        copies.add(new String[]{"bazaar-launcher/target/bazaar-launcher.jar", "bazaar-launcher/target"});
        copies.add(new String[]{"bazaar-launcher/target/lib", "bazaar-launcher/target"});
        for (String module : SERVICES) {
            copies.add(new String[]{module + "/target/quarkus-app", module + "/target"});
            copies.add(new String[]{module + "/target/openapi", module + "/target", "optional"});
        }
        copies.add(new String[]{"realtime-service/target/test-js", "realtime-service/target"});
        // what the launcher reads from the repository besides jars (topic declarations, the API document)
        copies.add(new String[]{"deploy", "."});
        copies.add(new String[]{"docs", "."});
        for (String[] copy : copies) {
            Path from = root.resolve(copy[0]);
            if (!Files.exists(from) && copy.length > 2) {
                continue;
            }
            if (!Files.exists(from)) {
                throw new IllegalStateException(from + " is missing: build first (bench/run does)");
            }
            Path parent = into.resolve(copy[1]);
            Files.createDirectories(parent);
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), parent.toString()).inheritIO().start();
            if (cp.waitFor() != 0) {
                throw new IOException("could not copy " + from);
            }
        }
        Files.copy(root.resolve("bazaar"), into.resolve("bazaar"), StandardCopyOption.COPY_ATTRIBUTES);
        return into;
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
