package com.streambazaar.bench.stack;

import com.streambazaar.bench.core.Proc;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The stack under test: the edge's base URL, each service's own URL and process id (for CPU and RSS), Kafka and the
 * database the services use. Read from a running stack's {@code stack.properties} (written by the launcher), or given
 * as a bare base URL (then figures that need a process id are left out).
 */
public final class Stack {

    public static final List<String> SERVICES = List.of("auth", "session", "catalog", "realtime", "analytics");

    private final String baseUrl;
    private final Map<String, String> serviceUrls;
    private final Map<String, Long> servicePids;
    private final long edgePid;
    private final String kafka;
    private final String jdbcUrl;
    private final Path stateDir;

    Stack(String baseUrl, Map<String, String> serviceUrls, Map<String, Long> servicePids, long edgePid, String kafka,
          String jdbcUrl, Path stateDir) {
        this.baseUrl = baseUrl;
        this.serviceUrls = serviceUrls;
        this.servicePids = servicePids;
        this.edgePid = edgePid;
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.stateDir = stateDir;
    }

    /** A running stack described by its state folder (the launcher's stack.properties). */
    public static Stack fromStateDir(Path stateDir) throws IOException {
        Properties stack = new Properties();
        Path file = stateDir.resolve("stack.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no running stack in " + stateDir + " (no stack.properties)");
        }
        try (Reader in = Files.newBufferedReader(file)) {
            stack.load(in);
        }
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : stack.getProperty("services", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            urls.put(name, "http://127.0.0.1:" + stack.getProperty("service." + name + ".port"));
            pids.put(name, Long.parseLong(stack.getProperty("service." + name + ".pid", "-1")));
        }
        return new Stack("http://127.0.0.1:" + stack.getProperty("edge.port"), urls, pids,
                Long.parseLong(stack.getProperty("launcher.pid", "-1")), stack.getProperty("kafka.bootstrap"),
                stack.getProperty("postgres.url"), stateDir);
    }

    /** Only a base URL: services are assumed on their default ports of that host, process ids unknown. */
    public static Stack fromBaseUrl(String baseUrl, String kafka) {
        URI uri = URI.create(baseUrl);
        Map<String, String> urls = new LinkedHashMap<>();
        int[] ports = {8081, 8082, 8083, 8084, 8085};
        for (int i = 0; i < SERVICES.size(); i++) {
            urls.put(SERVICES.get(i), uri.getScheme() + "://" + uri.getHost() + ":" + ports[i]);
        }
        return new Stack(baseUrl.replaceAll("/+$", ""), urls, Map.of(), -1, kafka, null, null);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A service's own URL (the first replica's for realtime). */
    public String serviceUrl(String service) {
        String url = serviceUrls.get(service);
        if (url == null) {
            throw new IllegalStateException(service + " is not part of the stack");
        }
        return url;
    }

    /** realtime, realtime-2, …: the URLs of all realtime replicas. */
    public List<String> realtimeUrls() {
        List<String> urls = new ArrayList<>();
        serviceUrls.forEach((name, url) -> {
            if (name.equals("realtime") || name.startsWith("realtime-")) {
                urls.add(url);
            }
        });
        return urls;
    }

    public long pid(String service) {
        return servicePids.getOrDefault(service, -1L);
    }

    public Map<String, Long> pids() {
        return servicePids;
    }

    /** The launcher's JVM, which hosts the edge. */
    public long edgePid() {
        return edgePid;
    }

    public String kafka() {
        return kafka;
    }

    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /** Resident memory of every known process now (MB), for the RSS figures. */
    public Map<String, Double> rssMb() {
        Map<String, Double> rss = new LinkedHashMap<>();
        servicePids.forEach((name, pid) -> rss.put(name, round(Proc.rssMb(pid))));
        rss.put("edge", round(Proc.rssMb(edgePid)));
        return rss;
    }

    /** The highest resident memory of every known process so far (VmHWM, MB). */
    public Map<String, Double> peakRssMb() {
        Map<String, Double> rss = new LinkedHashMap<>();
        servicePids.forEach((name, pid) -> rss.put(name, round(Proc.peakRssMb(pid))));
        rss.put("edge", round(Proc.peakRssMb(edgePid)));
        return rss;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
