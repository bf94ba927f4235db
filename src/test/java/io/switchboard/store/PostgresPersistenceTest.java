package io.switchboard.store;

import io.switchboard.testing.RequiredService;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * {@link PersistenceScenarios} on the machine's PostgreSQL (database {@code test}), each test in a schema of its
 * own; the application is given the {@code postgresql://user@host/db} form of DATABASE_URL.
 */
class PostgresPersistenceTest extends PersistenceScenarios {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";

    @Override
    protected void requireDatabase() {
        RequiredService.tcp("PostgreSQL", "127.0.0.1", 5432);
    }

    @Override
    protected String databaseHost() {
        return "127.0.0.1";
    }

    @Override
    protected int databasePort() {
        return 5432;
    }

    @Override
    protected String roomActivityQuery() {
        return SEED_ROOM_ACTIVITY.replace("DATE_SUB(NOW(), INTERVAL 1 HOUR)", "NOW() - INTERVAL '1 hour'");
    }

    @Override
    protected FreshDatabase createDatabase(int proxyPort) throws Exception {
        String schema = "sb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        return new FreshDatabase("postgresql://" + USER + "@127.0.0.1:" + proxyPort + "/test?currentSchema=" + schema,
                ADMIN_URL + "?currentSchema=" + schema, USER, "",
                () -> execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
