package com.streambazaar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CI's check that the benchmark still runs: {@code bench/run --smoke} (every scenario, tiny and short, on a stack of
 * its own on free ports) must finish and write a result for every scenario. No figure is compared with anything: a
 * slow or busy machine cannot fail this, only a benchmark that no longer runs. Skipped with -DskipBenchSmoke, or when
 * wrk or node is not installed (.ci/run installs both).
 */
class BenchSmokeIT {

    /** Every line of the table a smoke run must produce (figures are not checked). */
    private static final List<String> ROWS = List.of("start-up of the whole stack", "RSS idle after start",
            "GET /api/products/:id (edge)", "GET /api/products/:id (own port)", "edge cost, GET /api/products/:id",
            "GET /api/sessions/:id (edge)", "GET /api/search/sessions?q= (edge)",
            "POST /api/auth/login burst (direct)", "POST /api/auth/login burst (edge)", "chat fan-out",
            "… as ", "two replicas", "fan-out saturation", "join storm", "reaction storm", "RSS under load",
            "event ingest into analytics", "analytics dashboard");

    @Test
    void theSmokeRunProducesEveryFigure() throws Exception {
        assumeTrue(onPath("wrk") && onPath("node"), "wrk or node is not installed: the smoke run is skipped");
        Path root = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
        Path out = root.resolve("bench/target/smoke-results.json");
        Files.deleteIfExists(out);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp",
                root.resolve("bench/target/classes") + File.pathSeparator + root.resolve("bench/target/lib") + "/*",
                "com.streambazaar.bench.Bench", "--root=" + root, "--smoke", "--ports=auto",
                "--state-dir=" + root.resolve("bench/target/smoke-stack"),
                "--database=bench_smoke_" + ProcessHandle.current().pid(), "--drop-database", "--out=" + out));
        Path log = root.resolve("bench/target/smoke.log");
        Process bench = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // generous: a busy CI machine may take many times the minute a quiet one needs; only a hang fails here
        if (!bench.waitFor(20, TimeUnit.MINUTES)) {
            bench.destroy();
            bench.waitFor(60, TimeUnit.SECONDS);
            fail("the smoke run did not end in 20 minutes; see " + log);
        }
        assertEquals(0, bench.exitValue(), () -> "the smoke run failed; see " + log + ":\n" + tail(log));
        JsonNode results = new ObjectMapper().readTree(out.toFile());
        Set<String> scenarios = new TreeSet<>();
        results.path("table").forEach(row -> {
            scenarios.add(row.path("scenario").asText());
            assertTrue(!row.path("figure").asText().isBlank(), "no figure for " + row.path("scenario").asText());
        });
        for (String expected : ROWS) {
            assertTrue(scenarios.stream().anyMatch(name -> name.contains(expected)),
                    "no result for '" + expected + "' in " + scenarios);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
