package com.streambazaar.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.streambazaar.bench.core.Proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wrk (Debian's package): closed-loop load, N connections each sending its next request when the previous answer
 * came. wrk has no fixed-rate mode (that is wrk2, which Debian does not package), so its latencies suffer from
 * coordinated omission under saturation; {@link FixedRateProbe} gives the open-loop figure beside it.
 */
public final class Wrk {

    public record Result(long requests, double seconds, double requestsPerSecond, double p50Ms, double p90Ms,
                         double p99Ms, double p999Ms, double maxMs, long errors, long non2xx, long generatorCpuMicros) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path script;
    private final Path workDir;

    public Wrk(Path workDir) throws IOException {
        this.workDir = workDir;
        Files.createDirectories(workDir);
        this.script = workDir.resolve("bench-paths.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/bench-paths.lua")) {
            Files.write(script, in.readAllBytes());
        }
    }

    /** wrk's binary: on PATH (bench/run installs Debian's package when it is missing). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A file of request paths for {@link #run}. */
    public Path paths(String name, List<String> paths) throws IOException {
        Path file = workDir.resolve(name + ".paths");
        Files.write(file, paths, StandardCharsets.UTF_8);
        return file;
    }

    public Result run(String baseUrl, Path paths, int connections, int threads, int seconds, String authorization)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                // the shell's own stat, after wrk was waited for, holds wrk's CPU time in cutime/cstime
                "wrk \"$@\"; s=$?; read -r stat < /proc/$$/stat; echo \"SHSTAT $stat\"; exit $s", "sh",
                "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(),
                baseUrl, "--", paths.toString(), authorization == null ? "" : authorization));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        JsonNode figures = null;
        long cpu = -1;
        for (String line : output.split("\n")) {
            if (line.startsWith("WRKJSON ")) {
                figures = JSON.readTree(line.substring(8));
            } else if (line.startsWith("SHSTAT ")) {
                cpu = Proc.childrenCpuMicros(line.substring(7));
            }
        }
        if (figures == null) {
            throw new IllegalStateException("wrk printed no figures: " + output);
        }
        long requests = figures.path("requests").asLong();
        double duration = figures.path("durationUs").asLong() / 1e6;
        long errors = figures.path("connectErrors").asLong() + figures.path("readErrors").asLong()
                + figures.path("writeErrors").asLong() + figures.path("timeouts").asLong();
        return new Result(requests, duration, requests / duration, ms(figures, "p50Us"), ms(figures, "p90Us"),
                ms(figures, "p99Us"), ms(figures, "p999Us"), ms(figures, "maxUs"), errors,
                figures.path("non2xx").asLong(), cpu);
    }

    private static double ms(JsonNode figures, String field) {
        return Math.round(figures.path(field).asLong() / 10.0) / 100.0;
    }
}
