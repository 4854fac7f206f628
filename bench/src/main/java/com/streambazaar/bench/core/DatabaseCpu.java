package com.streambazaar.bench.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the Postgres backends serving one database (the stack's), read from /proc by their pids in
 * pg_stat_activity: only possible when the server runs on this machine, else every figure is -1.
 */
public final class DatabaseCpu implements AutoCloseable {

    private final Connection connection;
    private final String database;

    private DatabaseCpu(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
    }

    /** For the database of a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/bazaar_bench; null when unreachable. */
    public static DatabaseCpu of(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null) {
            return null;
        }
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, user, password == null ? "" : password);
            String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).split("\\?")[0];
            return new DatabaseCpu(connection, database);
        } catch (SQLException e) {
            return null;
        }
    }

    /** A snapshot: CPU microseconds per backend pid. */
    public Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select pid from pg_stat_activity where datname = '" + database + "' and pid <> pg_backend_pid()")) {
            while (rows.next()) {
                long pid = rows.getLong(1);
                long micros = Proc.cpuMicros(pid);
                if (micros >= 0) {
                    cpu.put(pid, micros);
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return cpu;
    }

    /** Backend CPU spent between two snapshots (backends that appeared in between count from zero). */
    public static long between(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> entry : after.entrySet()) {
            sum += Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0L));
        }
        return sum;
    }

    /** Runs a statement as an administrator of the server (VACUUM, EXPLAIN) on the benchmark's database. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
