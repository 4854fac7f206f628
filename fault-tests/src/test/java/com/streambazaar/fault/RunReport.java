package com.streambazaar.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures a run ends with (fuzz cases, authorization cells, faults injected, messages lost), printed and kept. */
final class RunReport {

    private static final Map<String, Object> FIGURES = new LinkedHashMap<>();
    private static final List<String> FAULTS = new ArrayList<>();

    private RunReport() {
    }

    static synchronized void put(String name, Object value) {
        FIGURES.put(name, value);
    }

    static synchronized void add(String name, long value) {
        FIGURES.merge(name, value, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
    }

    static synchronized void faults(List<String> faults) {
        FAULTS.clear();
        FAULTS.addAll(faults);
    }

    static synchronized void print() {
        StringBuilder out = new StringBuilder("\n==== fault-tests report\n");
        FIGURES.forEach((name, value) -> out.append(String.format("  %-44s %s%n", name, value)));
        out.append(String.format("  %-44s %d: %s%n", "faults injected", FAULTS.size(), String.join(", ", FAULTS)));
        System.out.print(out);
        try {
            Path report = Path.of("target", "fault-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, out.toString());
        } catch (IOException e) {
            // the console has it
        }
    }
}
