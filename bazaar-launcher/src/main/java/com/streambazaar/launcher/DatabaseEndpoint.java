package com.streambazaar.launcher;

import java.util.Optional;

/**
 * The Postgres server the services use and where it came from.
 *
 * @param kind how the launcher found it, shown in the summary so nobody wonders whose data they see
 */
public record DatabaseEndpoint(Kind kind, String host, int port, String user, Optional<String> password, String database) {

    public enum Kind {
        /** BAZAAR_DB_HOST pointed at it */
        EXTERNAL("external, from BAZAAR_DB_HOST"),
        /** the machine's own server on 127.0.0.1:5432 */
        LOCAL("the machine's local server"),
        /** started by the launcher, data in .bazaar/postgres */
        EMBEDDED("embedded, started by the launcher");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }
}
