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
 * @param allServices       every service process with its (possibly overridden) port, in start order: the five
 *                          services, realtime as {@code BAZAAR_REALTIME_REPLICAS} replicas (realtime on
 *                          {@code BAZAAR_REALTIME_PORT}, realtime-2, realtime-3, … from {@code BAZAAR_REALTIME_EXTRA_PORT});
 *                          the edge routes to all
 * @param selectedServices  the ones to start ({@code BAZAAR_SERVICES=auth,catalog} for a partial stack,
 *                          {@code none} for the infrastructure and the edge only); a selected realtime brings all its
 *                          replicas
 * @param externalKafka     {@code KAFKA_BOOTSTRAP_SERVERS} when a broker is already running elsewhere
 * @param externalDbHost    {@code BAZAAR_DB_HOST} when a Postgres server is given explicitly
 * @param serviceJavaOptions JVM options of every service ({@code BAZAAR_SERVICE_JAVA_OPTS})
 * @param edge              the edge's timeouts and request limits ({@code BAZAAR_EDGE_*})
 * @param cors              the CORS rules of the edge's own answers ({@code BAZAAR_CORS_*}, which the services read too)
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
        EdgeSettings edge,
        CorsSettings cors,
        Map<String, String> environment) {

    /**
     * Each service JVM: a 256 MB heap is plenty at development load, and one serial GC thread per JVM
     * keeps five JVMs plus a broker from fighting over two cores. {@code BAZAAR_SERVICE_JAVA_OPTS} replaces it.
     */
    static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-Xmx256m -XX:+UseSerialGC";

    static final String REALTIME_REPLICAS_VARIABLE = "BAZAAR_REALTIME_REPLICAS";
    static final String REALTIME_EXTRA_PORT_VARIABLE = "BAZAAR_REALTIME_EXTRA_PORT";
    /** Each replica is a JVM of its own (up to 256 MB heap): more than this on one machine is a typo. */
    static final int MAX_REALTIME_REPLICAS = 16;

    public static LauncherSettings from(Path repoRoot, Path stateDir, Map<String, String> env) {
        List<ServiceSpec> all = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.DEFAULTS) {
            ServiceSpec configured = spec.withPort(port(env, spec.portVariable(), spec.port()));
            if (configured.service().equals(RouteTable.REALTIME)) {
                all.addAll(realtimeReplicas(configured, env));
            } else {
                all.add(configured);
            }
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
                edge(env),
                cors(env),
                Map.copyOf(env));
    }

    /**
     * Replica 1 on {@code BAZAAR_REALTIME_PORT}, the others from {@code BAZAAR_REALTIME_EXTRA_PORT} on (8094, 8095, …,
     * next to the 808x block so that the two never collide).
     */
    private static List<ServiceSpec> realtimeReplicas(ServiceSpec realtime, Map<String, String> env) {
        int replicas = number(env, REALTIME_REPLICAS_VARIABLE, 1);
        if (replicas < 1 || replicas > MAX_REALTIME_REPLICAS) {
            throw new LauncherException(REALTIME_REPLICAS_VARIABLE + " must be between 1 and " + MAX_REALTIME_REPLICAS + ", got " + replicas);
        }
        int extraPort = port(env, REALTIME_EXTRA_PORT_VARIABLE, 8094);
        if (extraPort + replicas - 2 > 65535) {
            throw new LauncherException(REALTIME_EXTRA_PORT_VARIABLE + "=" + extraPort + " leaves no port for realtime-" + replicas
                    + ": choose a lower one");
        }
        List<ServiceSpec> specs = new ArrayList<>();
        specs.add(realtime.replica(1, realtime.port(), realtime.portVariable()));
        for (int number = 2; number <= replicas; number++) {
            specs.add(realtime.replica(number, extraPort + number - 2, REALTIME_EXTRA_PORT_VARIABLE));
        }
        return specs;
    }

    private static EdgeSettings edge(Map<String, String> env) {
        EdgeSettings defaults = EdgeSettings.DEFAULTS;
        return new EdgeSettings(
                seconds(env, "BAZAAR_EDGE_REQUEST_TIMEOUT_SECONDS", defaults.requestTimeout()),
                seconds(env, "BAZAAR_EDGE_SOCKET_TIMEOUT_SECONDS", defaults.socketTimeout()),
                seconds(env, "BAZAAR_EDGE_CONNECT_TIMEOUT_SECONDS", defaults.connectTimeout()),
                limit(env, "BAZAAR_EDGE_MAX_URI_LENGTH", defaults.maxUriLength()),
                limit(env, "BAZAAR_EDGE_MAX_HEADER_SIZE", defaults.maxHeaderSize()));
    }

    private static CorsSettings cors(Map<String, String> env) {
        List<String> origins = new ArrayList<>();
        for (String origin : env.getOrDefault(CorsSettings.ORIGINS_VARIABLE, "").split(",")) {
            String trimmed = origin.trim();
            // "https://shop.example/" and "https://shop.example" are the same origin; browsers send the latter
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.equals("*")) {
                // "*" would forbid credentials; the edge means "any origin" and echoes it instead
                return new CorsSettings(List.of(), credentials(env));
            }
            if (!trimmed.isEmpty()) {
                origins.add(trimmed);
            }
        }
        return new CorsSettings(origins, credentials(env));
    }

    private static boolean credentials(Map<String, String> env) {
        String value = nonBlank(env.get(CorsSettings.CREDENTIALS_VARIABLE)).orElse("true");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new LauncherException(CorsSettings.CREDENTIALS_VARIABLE + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static Duration seconds(Map<String, String> env, String variable, Duration fallback) {
        int seconds = number(env, variable, (int) fallback.toSeconds());
        if (seconds < 1) {
            throw new LauncherException(variable + " must be at least 1 (seconds), got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static int limit(Map<String, String> env, String variable, int fallback) {
        int value = number(env, variable, fallback);
        // above the decoder's own limit the edge would never see the request to refuse it in JSON
        if (value < 256 || value > EdgeSettings.DECODER_LIMIT - 1024) {
            throw new LauncherException(variable + " must be between 256 and " + (EdgeSettings.DECODER_LIMIT - 1024)
                    + " (bytes), got " + value);
        }
        return value;
    }

    /** Where the broker listens for clients, whether ours or external. */
    public String kafkaBootstrap() {
        return externalKafka.orElse("127.0.0.1:" + kafkaPort);
    }

    /** The process of a service, its first replica for a replicated one. */
    public ServiceSpec service(String name) {
        return allServices.stream().filter(s -> s.service().equals(name)).findFirst().orElseThrow();
    }

    /** The processes of one service: one, or realtime's replicas in order. */
    public List<ServiceSpec> replicas(String service) {
        return allServices.stream().filter(s -> s.service().equals(service)).toList();
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
        Set<String> known = all.stream().map(ServiceSpec::service).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : names) {
            if (!known.contains(name)) {
                throw new LauncherException("BAZAAR_SERVICES names an unknown service '" + name + "'; known: " + String.join(", ", known));
            }
        }
        // keep the table's start order whatever order the variable lists them in
        return all.stream().filter(s -> names.contains(s.service())).toList();
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
