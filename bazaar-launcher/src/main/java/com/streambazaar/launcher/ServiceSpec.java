package com.streambazaar.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One service process as the launcher runs it: its name (also its log and pid file name), the service it is in
 * {@link RouteTable}, its Maven module and its local HTTP port. Most services are one process; realtime runs as
 * {@code BAZAAR_REALTIME_REPLICAS} of them, each with its own spec.
 *
 * @param name         {@code realtime-2}: the process's log ({@code logs/realtime-2.log}) and pid file name; replica 1
 *                     keeps the service's name ({@code realtime})
 * @param portVariable the variable that moves this port (named in "port taken" messages)
 * @param service      the service in {@link RouteTable} ({@code realtime} for every replica)
 * @param replicaId    {@code BAZAAR_REPLICA_ID} of a replicated service's process ({@code realtime-1},
 *                     {@code realtime-2}, …): the prefix of the Engine.IO session ids it issues, which the edge routes by
 */
public record ServiceSpec(String name, String module, int port, String portVariable, String service, Optional<String> replicaId) {

    /** The services in start order with their default ports (ARCHITECTURE.md, "Local ports"). */
    public static final List<ServiceSpec> DEFAULTS = List.of(
            new ServiceSpec(RouteTable.AUTH, "auth-service", 8081, "BAZAAR_AUTH_PORT"),
            new ServiceSpec(RouteTable.SESSION, "session-service", 8082, "BAZAAR_SESSION_PORT"),
            new ServiceSpec(RouteTable.CATALOG, "catalog-service", 8083, "BAZAAR_CATALOG_PORT"),
            new ServiceSpec(RouteTable.REALTIME, "realtime-service", 8084, "BAZAAR_REALTIME_PORT"),
            new ServiceSpec(RouteTable.ANALYTICS, "analytics-service", 8085, "BAZAAR_ANALYTICS_PORT"));

    /** A service that runs as one process. */
    public ServiceSpec(String name, String module, int port, String portVariable) {
        this(name, module, port, portVariable, name, Optional.empty());
    }

    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, module, newPort, portVariable, service, replicaId);
    }

    /**
     * Replica {@code number} (1, 2, …) of this service on {@code replicaPort}: replica 1 keeps this spec's name, port
     * variable and log; the others are {@code <service>-<number>}.
     */
    public ServiceSpec replica(int number, int replicaPort, String replicaPortVariable) {
        String id = service + "-" + number;
        return number == 1
                ? new ServiceSpec(name, module, replicaPort, portVariable, service, Optional.of(id))
                : new ServiceSpec(id, module, replicaPort, replicaPortVariable, service, Optional.of(id));
    }

    /** The fast-jar entry point Quarkus builds: {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public Path runJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
