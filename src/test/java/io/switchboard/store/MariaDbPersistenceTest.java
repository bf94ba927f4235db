package io.switchboard.store;

import io.switchboard.testing.RequiredService;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * {@link PersistenceScenarios} on the machine's MariaDB, each test in a database of its own; the application is
 * given the {@code mysql://user@host/db} form of DATABASE_URL. The seed's third monitoring query (MySQL date
 * functions) runs here as written.
 */
class MariaDbPersistenceTest extends PersistenceScenarios {
    private static final String ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String USER = "root";

    @Override
    protected void requireDatabase() {
        RequiredService.tcp("MariaDB", "127.0.0.1", 3306);
    }

    @Override
    protected String databaseHost() {
        return "127.0.0.1";
    }

    @Override
    protected int databasePort() {
        return 3306;
    }

    @Override
    protected String roomActivityQuery() {
        return SEED_ROOM_ACTIVITY;
    }

    @Override
    protected FreshDatabase createDatabase(int proxyPort) throws Exception {
        String name = "sb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        return new FreshDatabase("mysql://" + USER + "@127.0.0.1:" + proxyPort + "/" + name, ADMIN_URL + name, USER,
                "", () -> execute("DROP DATABASE " + name));
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
