package io.switchboard.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one cluster: its nodes share one store, as nodes behind a load balancer do,
 * and no other test class sees its rows. Dropped afterwards, even while a killed node's connections linger.
 */
final class ClusterDatabase {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";
    /** Trust authentication on this machine and in CI, as PostgresPersistenceTest relies on. */
    private static final String USER = "postgres";

    private final String name;

    private ClusterDatabase(String name) {
        this.name = name;
    }

    static ClusterDatabase create() throws SQLException {
        String name = "sb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ClusterDatabase db = new ClusterDatabase(name);
        execute("CREATE DATABASE " + db.name);
        return db;
    }

    /** DATABASE_URL for the nodes: a JDBC URL is taken as it is (config/DatabaseUrl). */
    String url() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name + "?user=" + USER;
    }

    /**
     * Runs {@code stop} (stopping the nodes that use the database), then drops the database, whether or not they all
     * stopped. A null database: only {@code stop}.
     */
    static void dropAfter(ClusterDatabase database, Runnable stop) throws SQLException {
        try {
            stop.run();
        } finally {
            if (database != null) {
                database.drop();
            }
        }
    }

    void drop() throws SQLException {
        // FORCE (PostgreSQL 13+): a node that did not get to close its pool must not keep the database alive.
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
