package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherSettingsTest {

    private static LauncherSettings settings(Map<String, String> env) {
        return LauncherSettings.from(Path.of("/repo"), Path.of("/repo/.bazaar"), env);
    }

    private static List<String> names(List<ServiceSpec> services) {
        return services.stream().map(ServiceSpec::name).toList();
    }

    @Test
    void defaultsMatchTheArchitecturePorts() {
        LauncherSettings s = settings(Map.of());
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085), s.allServices().stream().map(ServiceSpec::port).toList());
        assertEquals(names(s.allServices()), names(s.selectedServices()));
        assertEquals(3000, s.edgePort());
        assertEquals("127.0.0.1:9092", s.kafkaBootstrap());
        assertEquals(9093, s.kafkaControllerPort());
        assertEquals(5433, s.embeddedPgPort());
        assertEquals("bazaar", s.dbName());
        assertEquals("postgres", s.dbUser());
        assertEquals(Optional.empty(), s.externalDbHost());
        assertEquals(120, s.serviceStartTimeout().toSeconds());
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC"), s.serviceJavaOptions());
    }

    @Test
    void portsAndExternalServersComeFromTheEnvironment() {
        LauncherSettings s = settings(Map.of("BAZAAR_AUTH_PORT", "9181", "BAZAAR_EDGE_PORT", "3100",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "BAZAAR_DB_HOST", "db.local", "BAZAAR_DB_PASSWORD", "secret"));
        assertEquals(9181, s.service("auth").port());
        assertEquals(3100, s.edgePort());
        assertEquals("broker:9092", s.kafkaBootstrap());
        assertEquals(Optional.of("db.local"), s.externalDbHost());
        assertEquals(Optional.of("secret"), s.dbPassword());
    }

    @Test
    void selectsASubsetInStartOrder() {
        assertEquals(List.of("auth", "catalog"), names(settings(Map.of("BAZAAR_SERVICES", "catalog, auth")).selectedServices()));
        assertEquals(List.of(), settings(Map.of("BAZAAR_SERVICES", "none")).selectedServices());
        // the edge still knows every service, so the others answer 502 rather than 404
        assertEquals(5, settings(Map.of("BAZAAR_SERVICES", "auth")).allServices().size());
    }

    @Test
    void rejectsWhatItCannotUseWithTheVariableInTheMessage() {
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_SERVICES", "auth,payments")))
                .getMessage().contains("payments"));
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_KAFKA_PORT", "ninety")))
                .getMessage().contains("BAZAAR_KAFKA_PORT"));
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_EDGE_PORT", "70000")))
                .getMessage().contains("BAZAAR_EDGE_PORT"));
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_DB_NAME", "x; drop")))
                .getMessage().contains("BAZAAR_DB_NAME"));
    }
}
