package com.streambazaar.bench.profile;

import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * async-profiler (Maven Central's {@code tools.profiler:async-profiler}, which ships the native library) loaded into a
 * running service JVM through the Attach API: CPU samples during one scenario, written as a flame graph (HTML) and as
 * folded stacks, and summarised as text (hottest frames by self time and by total time) small enough to commit.
 */
public final class Profiler {

    private final Path library;
    private final Path outDir;

    private Profiler(Path library, Path outDir) {
        this.library = library;
        this.outDir = outDir;
    }

    /** The profiler from the local Maven repository (bench/run fetches it), unpacked into {@code outDir}. */
    public static Profiler fromMavenRepository(Path outDir) throws IOException {
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw dependency:get -Dartifact=tools.profiler:async-profiler:4.1");
        }
        Files.createDirectories(outDir);
        Path library = outDir.resolve("libasyncProfiler.so");
        if (!Files.exists(library)) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
                 InputStream in = zip.getInputStream(zip.getEntry("linux-x64/libasyncProfiler.so"))) {
                Files.write(library, in.readAllBytes());
            }
        }
        return new Profiler(library, outDir);
    }

    /** Starts CPU sampling (every 1 ms of CPU; itimer when perf events are not available) in the JVM {@code pid}. */
    public void start(long pid) throws Exception {
        command(pid, "start,event=cpu,interval=1ms");
    }

    /** Stops sampling in {@code pid} and writes {@code name}.html, .collapsed and -summary.txt; returns the summary. */
    public Path stop(long pid, String name, String title) throws Exception {
        Path folded = outDir.resolve(name + ".collapsed");
        command(pid, "stop,file=" + folded + ",collapsed");
        command(pid, "flamegraph,file=" + outDir.resolve(name + ".html") + ",title=" + title.replace(',', ' '));
        Path summary = outDir.resolve(name + "-summary.txt");
        Files.writeString(summary, summarize(folded, title));
        return summary;
    }

    private void command(long pid, String command) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            vm.loadAgentPath(library.toString(), command);
        } finally {
            vm.detach();
        }
    }

    /** Hottest frames of folded stacks: self time (the leaf) and total time (anywhere on the stack), in percent. */
    static String summarize(Path folded, String title) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> areas = new LinkedHashMap<>();
        long samples = 0;
        for (String line : Files.readAllLines(folded)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            samples += count;
            self.merge(frames[frames.length - 1], count, Long::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String frame : frames) {
                if (seen.add(frame)) {
                    total.merge(frame, count, Long::sum);
                }
            }
            areas.merge(area(frames), count, Long::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n').append(String.format(Locale.ROOT, "%,d CPU samples (1 ms each)%n%n", samples));
        out.append("where the CPU went (first matching frame from the top of the stack):\n");
        append(out, areas, samples, 20);
        out.append("\nhottest frames, self time:\n");
        append(out, self, samples, 30);
        out.append("\nhottest frames, total time (our code and the frameworks' entry points):\n");
        Map<String, Long> ours = total.entrySet().stream().filter(e -> interesting(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        append(out, ours, samples, 40);
        return out.toString();
    }

    private static void append(StringBuilder out, Map<String, Long> counts, long samples, int limit) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<String, Long> entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            out.append(String.format(Locale.ROOT, "  %5.1f %%  %s%n", entry.getValue() * 100.0 / Math.max(1, samples),
                    entry.getKey()));
        }
    }

    private static boolean interesting(String frame) {
        return frame.startsWith("com/streambazaar") || frame.startsWith("com.streambazaar")
                || frame.contains("hibernate") || frame.contains("resteasy") || frame.contains("jackson")
                || frame.contains("io/vertx/pgclient") || frame.contains("io/vertx/sqlclient")
                || frame.contains("smallrye/jwt") || frame.contains("io/netty/channel") || frame.contains("io.vertx.pgclient")
                || frame.contains("org/hibernate") || frame.contains("org.hibernate");
    }

    /** A coarse bucket for a stack, from its leaf upwards: kernel, GC, JIT, JSON, SQL client, ORM, HTTP, ... */
    static String area(String[] frames) {
        String leaf = frames[frames.length - 1];
        if (leaf.endsWith("_[k]")) {
            for (int i = frames.length - 1; i >= 0; i--) {
                String f = frames[i];
                if (f.contains("epoll") || f.contains("Epoll")) {
                    return "kernel: epoll";
                }
                if (f.contains("writev") || f.contains("write") || f.contains("sendmsg") || f.contains("send")) {
                    return "kernel: socket write";
                }
                if (f.contains("read") || f.contains("recv")) {
                    return "kernel: socket read";
                }
            }
            return "kernel: other";
        }
        String joined = String.join(";", frames);
        if (joined.contains("GCTaskThread") || joined.contains("VM_GC") || joined.contains("GenCollect")
                || joined.contains("DefNewGeneration") || joined.contains("G1") || joined.contains("PSScavenge")) {
            return "GC";
        }
        if (joined.contains("CompileBroker") || joined.contains("C2Compiler") || joined.contains("Compilation::")) {
            return "JIT compiler";
        }
        for (int i = frames.length - 1; i >= 0; i--) {
            String f = frames[i];
            if (f.contains("jackson")) {
                return "JSON (Jackson)";
            }
            if (f.contains("org/hibernate") || f.contains("org.hibernate")) {
                return "Hibernate (ORM, reactive)";
            }
            if (f.contains("io/vertx/pgclient") || f.contains("io/vertx/sqlclient")) {
                return "Vert.x SQL client";
            }
            if (f.contains("smallrye/jwt") || f.contains("jose4j")) {
                return "JWT";
            }
            if (f.contains("resteasy")) {
                return "RESTEasy Reactive";
            }
            if (f.contains("io/netty/handler/codec/http") || f.contains("io/vertx/core/http")) {
                return "HTTP codec (Netty/Vert.x)";
            }
            if (f.contains("com/streambazaar")) {
                return "Stream Bazaar code";
            }
            if (f.contains("io/netty")) {
                return "Netty (other)";
            }
        }
        return "other";
    }
}
