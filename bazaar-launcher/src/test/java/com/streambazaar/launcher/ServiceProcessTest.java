package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    private static final DatabaseEndpoint DB = new DatabaseEndpoint(DatabaseEndpoint.Kind.values()[0], "127.0.0.1", 5432, "postgres",
            Optional.empty(), "bazaar");

    private static Map<String, String> environmentOfAuth(Map<String, String> launcherEnvironment) {
        LauncherSettings settings = LauncherSettings.from(Path.of("/repo"), Path.of("/repo/.bazaar"), launcherEnvironment);
        return ServiceProcess.environment(settings.service(RouteTable.AUTH), settings, new StateDirectory(Path.of("/repo/.bazaar")),
                DB, "127.0.0.1:9092");
    }

    private static Map<String, String> environmentOf(ServiceSpec spec, LauncherSettings settings) {
        return ServiceProcess.environment(spec, settings, new StateDirectory(Path.of("/repo/.bazaar")), DB, "127.0.0.1:9092");
    }

    @Test
    void tellsEveryServiceWhereCatalogAndSessionListen() {
        LauncherSettings settings = LauncherSettings.from(Path.of("/repo"), Path.of("/repo/.bazaar"),
                Map.of("BAZAAR_CATALOG_PORT", "9183", "BAZAAR_SESSION_PORT", "9182"));
        for (ServiceSpec spec : settings.allServices()) {
            Map<String, String> env = environmentOf(spec, settings);
            assertEquals("http://127.0.0.1:9183", env.get("BAZAAR_CATALOG_URL"), spec.name());
            assertEquals("http://127.0.0.1:9182", env.get("BAZAAR_SESSION_URL"), spec.name());
            assertEquals(Integer.toString(spec.port()), env.get("QUARKUS_HTTP_PORT"));
        }
    }

    @Test
    void givesEachRealtimeReplicaItsIdAndPort() {
        LauncherSettings settings = LauncherSettings.from(Path.of("/repo"), Path.of("/repo/.bazaar"), Map.of("BAZAAR_REALTIME_REPLICAS", "3"));
        List<String> ids = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (ServiceSpec replica : settings.replicas(RouteTable.REALTIME)) {
            Map<String, String> env = environmentOf(replica, settings);
            ids.add(env.get("BAZAAR_REPLICA_ID"));
            ports.add(env.get("QUARKUS_HTTP_PORT"));
        }
        assertEquals(List.of("realtime-1", "realtime-2", "realtime-3"), ids);
        assertEquals(List.of("8084", "8094", "8095"), ports);
        assertFalse(environmentOf(settings.service(RouteTable.AUTH), settings).containsKey("BAZAAR_REPLICA_ID"));
    }

    @Test
    void disablesVertxUriValidationWhateverTheJavaOptionsSay() {
        JavaRuntime java = new JavaRuntime("/jdk/bin/java", "");
        StateDirectory state = new StateDirectory(Path.of("/repo/.bazaar"));
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("BAZAAR_SERVICE_JAVA_OPTS", "-Xmx512m -XX:+UseG1GC"))) {
            LauncherSettings settings = LauncherSettings.from(Path.of("/repo"), Path.of("/repo/.bazaar"), env);
            List<String> command = ServiceProcess.command(settings.service(RouteTable.CATALOG), settings, state, java);
            assertTrue(command.contains("-Dvertx.disableURIValidation=true"), command.toString());
            assertTrue(command.containsAll(settings.serviceJavaOptions()), command.toString());
            assertEquals(List.of("-jar", "/repo/catalog-service/target/quarkus-app/quarkus-run.jar"),
                    command.subList(command.size() - 2, command.size()));
        }
    }

    @Test
    void passesTheCorsRulesOnSoServicesAnswerLikeTheEdge() {
        Map<String, String> env = environmentOfAuth(Map.of("BAZAAR_CORS_ORIGINS", "https://shop.example", "BAZAAR_CORS_CREDENTIALS", "false"));
        assertEquals("https://shop.example", env.get("BAZAAR_CORS_ORIGINS"));
        assertEquals("false", env.get("BAZAAR_CORS_CREDENTIALS"));
    }

    @Test
    void leavesUnsetCorsVariablesUnset() {
        Map<String, String> env = environmentOfAuth(Map.of());
        assertFalse(env.containsKey("BAZAAR_CORS_ORIGINS"));
        assertFalse(env.containsKey("BAZAAR_CORS_CREDENTIALS"));
        assertEquals("8081", env.get("QUARKUS_HTTP_PORT"));
    }
}
