package com.streambazaar.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh, empty database for one test run, dropped afterwards. The server is, in this order: the one named by
 * {@code BAZAAR_TEST_DB_HOST} (+ _PORT, _USER, _PASSWORD), the local one on 127.0.0.1:5432 if it accepts user
 * postgres, or an embedded Postgres started for the run.
 */
public final class PostgresTestDatabase {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final EmbeddedPostgres embedded;

    private PostgresTestDatabase(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.database = "bazaar_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
    }

    public static PostgresTestDatabase create() {
        PostgresTestDatabase db = locateServer();
        db.admin("create database " + db.database);
        return db;
    }

    private static PostgresTestDatabase locateServer() {
        String host = System.getenv("BAZAAR_TEST_DB_HOST");
        if (host != null && !host.isBlank()) {
            return new PostgresTestDatabase(host, Integer.parseInt(env("BAZAAR_TEST_DB_PORT", "5432")),
                    env("BAZAAR_TEST_DB_USER", "postgres"), env("BAZAAR_TEST_DB_PASSWORD", ""), null);
        }
        PostgresTestDatabase local = new PostgresTestDatabase("127.0.0.1", 5432, "postgres", "", null);
        if (local.answers()) {
            return local;
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return new PostgresTestDatabase("127.0.0.1", embedded.getPort(), "postgres", "", embedded);
        } catch (IOException e) {
            throw new IllegalStateException("No Postgres for tests: none configured, none on 127.0.0.1:5432, "
                    + "and the embedded one failed to start", e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public Optional<String> password() {
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    public String database() {
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Opens a plain JDBC connection to the test database (for assertions on stored state). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    public void drop() {
        try {
            admin("drop database if exists " + database + " with (force)");
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the process dies with the JVM anyway
                }
            }
        }
    }

    private boolean answers() {
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=2", user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
