package com.streambazaar.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void oneRealtimeReplicaByDefaultWithItsReplicaId() {
        List<ServiceSpec> realtime = settings(Map.of()).replicas(RouteTable.REALTIME);
        assertEquals(1, realtime.size());
        assertEquals(new ServiceSpec("realtime", "realtime-service", 8084, "BAZAAR_REALTIME_PORT", "realtime", Optional.of("realtime-1")),
                realtime.get(0));
    }

    @Test
    void extraRealtimeReplicasGetTheirOwnPortsNamesAndIds() {
        LauncherSettings s = settings(Map.of("BAZAAR_REALTIME_REPLICAS", "3"));
        assertEquals(List.of("auth", "session", "catalog", "realtime", "realtime-2", "realtime-3", "analytics"), names(s.allServices()));
        assertEquals(names(s.allServices()), names(s.selectedServices()));
        List<ServiceSpec> realtime = s.replicas(RouteTable.REALTIME);
        assertEquals(List.of(8084, 8094, 8095), realtime.stream().map(ServiceSpec::port).toList());
        assertEquals(List.of("realtime-1", "realtime-2", "realtime-3"), realtime.stream().map(r -> r.replicaId().orElseThrow()).toList());
        assertEquals(List.of("BAZAAR_REALTIME_PORT", "BAZAAR_REALTIME_EXTRA_PORT", "BAZAAR_REALTIME_EXTRA_PORT"),
                realtime.stream().map(ServiceSpec::portVariable).toList());
        assertTrue(realtime.stream().allMatch(r -> r.module().equals("realtime-service") && r.service().equals("realtime")));
        assertEquals(8084, s.service(RouteTable.REALTIME).port());
        // no other service has a replica id
        assertTrue(s.allServices().stream().filter(spec -> !spec.service().equals("realtime")).allMatch(spec -> spec.replicaId().isEmpty()));

        LauncherSettings moved = settings(Map.of("BAZAAR_REALTIME_REPLICAS", "2", "BAZAAR_REALTIME_PORT", "9184",
                "BAZAAR_REALTIME_EXTRA_PORT", "9194"));
        assertEquals(List.of(9184, 9194), moved.replicas(RouteTable.REALTIME).stream().map(ServiceSpec::port).toList());
        // selecting realtime brings every replica of it
        assertEquals(List.of("auth", "realtime", "realtime-2"),
                names(settings(Map.of("BAZAAR_REALTIME_REPLICAS", "2", "BAZAAR_SERVICES", "realtime,auth")).selectedServices()));
        assertEquals(List.of("auth"), names(settings(Map.of("BAZAAR_REALTIME_REPLICAS", "2", "BAZAAR_SERVICES", "auth")).selectedServices()));
    }

    @Test
    void refusesReplicaCountsItCannotRun() {
        for (String count : List.of("0", "-1", "17", "two")) {
            assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_REALTIME_REPLICAS", count)))
                    .getMessage().contains("BAZAAR_REALTIME_REPLICAS"), count);
        }
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_REALTIME_REPLICAS", "3",
                "BAZAAR_REALTIME_EXTRA_PORT", "65535"))).getMessage().contains("BAZAAR_REALTIME_EXTRA_PORT"));
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_SERVICES", "realtime-2")))
                .getMessage().contains("realtime-2"));
    }

    @Test
    void edgeDefaultsBoundRestAndLeaveSocketsLong() {
        EdgeSettings edge = settings(Map.of()).edge();
        assertEquals(EdgeSettings.DEFAULTS, edge);
        assertEquals(30, edge.requestTimeout().toSeconds());
        assertEquals(3600, edge.socketTimeout().toSeconds());
        assertEquals(3, edge.connectTimeout().toSeconds());
        assertEquals(8192, edge.maxUriLength());
        assertEquals(16384, edge.maxHeaderSize());
    }

    @Test
    void edgeLimitsComeFromTheEnvironment() {
        EdgeSettings edge = settings(Map.of("BAZAAR_EDGE_REQUEST_TIMEOUT_SECONDS", "5", "BAZAAR_EDGE_SOCKET_TIMEOUT_SECONDS", "60",
                "BAZAAR_EDGE_CONNECT_TIMEOUT_SECONDS", "1", "BAZAAR_EDGE_MAX_URI_LENGTH", "4096", "BAZAAR_EDGE_MAX_HEADER_SIZE", "32768")).edge();
        assertEquals(new EdgeSettings(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(1), 4096, 32768), edge);
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_EDGE_REQUEST_TIMEOUT_SECONDS", "0")))
                .getMessage().contains("BAZAAR_EDGE_REQUEST_TIMEOUT_SECONDS"));
        // above what the HTTP decoder itself accepts, the edge could not refuse it in JSON
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_EDGE_MAX_URI_LENGTH", "100000")))
                .getMessage().contains("BAZAAR_EDGE_MAX_URI_LENGTH"));
    }

    @Test
    void corsAllowsAnyOriginWithCredentialsUnlessTold() {
        assertEquals(new CorsSettings(List.of(), true), settings(Map.of()).cors());
        assertEquals(new CorsSettings(List.of(), true), settings(Map.of("BAZAAR_CORS_ORIGINS", " ")).cors());
        assertEquals(new CorsSettings(List.of(), false), settings(Map.of("BAZAAR_CORS_ORIGINS", "*", "BAZAAR_CORS_CREDENTIALS", "false")).cors());
        assertEquals(new CorsSettings(List.of("https://shop.example", "http://localhost:5173"), true),
                settings(Map.of("BAZAAR_CORS_ORIGINS", "https://shop.example/, http://localhost:5173,,")).cors());
        assertTrue(assertThrows(LauncherException.class, () -> settings(Map.of("BAZAAR_CORS_CREDENTIALS", "yes")))
                .getMessage().contains("BAZAAR_CORS_CREDENTIALS"));
    }
}
