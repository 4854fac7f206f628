package com.streambazaar.bench.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure of a run: one row per line of the table (figure beside its target) and each scenario's details. */
public final class Results {

    /** A line of the table; {@code met} is null where the issue asks only to report the figure. */
    public record Row(String scenario, String figure, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Map<String, Object>> details = new ArrayList<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    public Results(String command, boolean smoke) {
        run.put("date", Instant.now().toString());
        run.put("command", command);
        run.put("smoke", smoke);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", Proc.cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", Proc.memoryGib());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("loadAverageAtStart", Proc.loadAverage());
        run.put("machine", machine);
    }

    public synchronized void row(String scenario, String figure, String target, Boolean met) {
        rows.add(new Row(scenario, figure, target, met));
        System.out.printf(Locale.ROOT, "  => %s: %s (target %s)%s%n", scenario, figure, target,
                met == null ? "" : met ? " MET" : " NOT MET");
    }

    /** A scenario's figures (printed as one line, kept for the JSON). */
    public synchronized void detail(Map<String, Object> figures) {
        figures.putIfAbsent("loadAverage", Proc.loadAverage());
        details.add(figures);
        StringBuilder line = new StringBuilder("  ");
        figures.forEach((k, v) -> line.append(k).append('=').append(v).append("  "));
        System.out.println(line.toString().stripTrailing());
    }

    public synchronized void put(String key, Object value) {
        run.put(key, value);
    }

    public synchronized List<Map<String, Object>> details() {
        return List.copyOf(details);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized void write(Path file) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(run);
        all.put("loadAverageAtEnd", Proc.loadAverage());
        all.put("table", rows);
        all.put("scenarios", details);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), all);
    }

    /** The table as Markdown (what docs/benchmarks.md shows). */
    public synchronized String table() {
        int w1 = "scenario".length();
        int w2 = "figure".length();
        int w3 = "target".length();
        for (Row row : rows) {
            w1 = Math.max(w1, row.scenario().length());
            w2 = Math.max(w2, row.figure().length());
            w3 = Math.max(w3, row.target().length());
        }
        String format = "| %-" + w1 + "s | %-" + w2 + "s | %-" + w3 + "s | %-4s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "scenario", "figure", "target", "met"));
        out.append("|").append("-".repeat(w1 + 2)).append("|").append("-".repeat(w2 + 2)).append("|")
                .append("-".repeat(w3 + 2)).append("|------|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, format, row.scenario(), row.figure(), row.target(),
                    row.met() == null ? "–" : row.met() ? "yes" : "no"));
        }
        return out.toString();
    }

    public static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    public static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
