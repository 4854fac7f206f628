package com.streambazaar.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the launcher can be told, read once from the command line and the environment so the rest
 * of the code never looks at {@code System.getenv} itself (and tests can pass a map).
 *
 * @param repoRoot          the Maven reactor root; service jars are found under it
 * @param stateDir          {@code .bazaar/}: broker and embedded Postgres data, logs, keys, pid files
 * @param allServices       the five services with their (possibly overridden) ports; the edge routes to all
 * @param selectedServices  the ones to start ({@code BAZAAR_SERVICES=auth,catalog} for a partial stack,
 *                          {@code none} for the infrastructure and the edge only)
 * @param externalKafka     {@code KAFKA_BOOTSTRAP_SERVERS} when a broker is already running elsewhere
 * @param externalDbHost    {@code BAZAAR_DB_HOST} when a Postgres server is given explicitly
 * @param serviceJavaOptions JVM options of every service ({@code BAZAAR_SERVICE_JAVA_OPTS})
 * @param environment       the launcher's own environment, passed on to every service
 */
public record LauncherSettings(
        Path repoRoot,
        Path stateDir,
        List<ServiceSpec> allServices,
        List<ServiceSpec> selectedServices,
        String edgeHost,
        int edgePort,
        Optional<String> externalKafka,
        int kafkaPort,
        int kafkaControllerPort,
        Optional<String> externalDbHost,
        int dbPort,
        String dbUser,
        Optional<String> dbPassword,
        String dbName,
        int embeddedPgPort,
        boolean forceEmbeddedPg,
        Duration serviceStartTimeout,
        List<String> serviceJavaOptions,
        Map<String, String> environment) {

    /**
     * Each service JVM: a 256 MB heap is plenty at development load, and one serial GC thread per JVM
     * keeps five JVMs plus a broker from fighting over two cores. {@code BAZAAR_SERVICE_JAVA_OPTS} replaces it.
     */
    static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-Xmx256m -XX:+UseSerialGC";

    public static LauncherSettings from(Path repoRoot, Path stateDir, Map<String, String> env) {
        List<ServiceSpec> all = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.DEFAULTS) {
            all.add(spec.withPort(port(env, spec.portVariable(), spec.port())));
        }
        String dbName = env.getOrDefault("BAZAAR_DB_NAME", "bazaar");
        if (!dbName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            // it goes into CREATE DATABASE unquoted-safe; anything fancier is not worth the quoting rules
            throw new LauncherException("BAZAAR_DB_NAME must be a plain identifier (letters, digits, _), got '" + dbName + "'");
        }
        return new LauncherSettings(
                repoRoot.toAbsolutePath().normalize(),
                stateDir.toAbsolutePath().normalize(),
                List.copyOf(all),
                select(all, env.get("BAZAAR_SERVICES")),
                env.getOrDefault("BAZAAR_EDGE_HOST", "0.0.0.0"),
                port(env, "BAZAAR_EDGE_PORT", 3000),
                nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                port(env, "BAZAAR_KAFKA_PORT", 9092),
                port(env, "BAZAAR_KAFKA_CONTROLLER_PORT", 9093),
                nonBlank(env.get("BAZAAR_DB_HOST")),
                port(env, "BAZAAR_DB_PORT", 5432),
                nonBlank(env.get("BAZAAR_DB_USER")).orElse("postgres"),
                nonBlank(env.get("BAZAAR_DB_PASSWORD")),
                dbName,
                port(env, "BAZAAR_EMBEDDED_PG_PORT", 5433),
                "true".equalsIgnoreCase(env.get("BAZAAR_EMBEDDED_PG")),
                Duration.ofSeconds(number(env, "BAZAAR_START_TIMEOUT_SECONDS", 120)),
                List.of(nonBlank(env.get("BAZAAR_SERVICE_JAVA_OPTS")).orElse(DEFAULT_SERVICE_JAVA_OPTIONS).split("\\s+")),
                Map.copyOf(env));
    }

    /** Where the broker listens for clients, whether ours or external. */
    public String kafkaBootstrap() {
        return externalKafka.orElse("127.0.0.1:" + kafkaPort);
    }

    public ServiceSpec service(String name) {
        return allServices.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<ServiceSpec> select(List<ServiceSpec> all, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return List.copyOf(all);
        }
        if (wanted.trim().equals("none")) {
            // Kafka, Postgres and the edge only: for running one service from the IDE or quarkus:dev
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : wanted.split("[,\\s]+")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        Set<String> known = all.stream().map(ServiceSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new LauncherException("BAZAAR_SERVICES names an unknown service '" + name + "'; known: " + String.join(", ", known));
            }
        }
        // keep the table's start order whatever order the variable lists them in
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        int port = number(env, variable, fallback);
        if (port < 1 || port > 65535) {
            throw new LauncherException(variable + " must be a port number (1-65535), got " + port);
        }
        return port;
    }

    private static int number(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LauncherException(variable + " must be a number, got '" + value + "'");
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
