package com.streambazaar.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the five services as the launcher runs it: its name (also its log and pid file name and its
 * name in {@link RouteTable}), its Maven module and its local HTTP port.
 */
public record ServiceSpec(String name, String module, int port, String portVariable) {

    /** The services in start order with their default ports (ARCHITECTURE.md, "Local ports"). */
    public static final List<ServiceSpec> DEFAULTS = List.of(
            new ServiceSpec(RouteTable.AUTH, "auth-service", 8081, "BAZAAR_AUTH_PORT"),
            new ServiceSpec(RouteTable.SESSION, "session-service", 8082, "BAZAAR_SESSION_PORT"),
            new ServiceSpec(RouteTable.CATALOG, "catalog-service", 8083, "BAZAAR_CATALOG_PORT"),
            new ServiceSpec(RouteTable.REALTIME, "realtime-service", 8084, "BAZAAR_REALTIME_PORT"),
            new ServiceSpec(RouteTable.ANALYTICS, "analytics-service", 8085, "BAZAAR_ANALYTICS_PORT"));

    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, module, newPort, portVariable);
    }

    /** The fast-jar entry point Quarkus builds: {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public Path runJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
